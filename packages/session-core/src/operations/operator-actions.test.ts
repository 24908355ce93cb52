import {
  authSessions,
  describeError,
  sessionAssignments,
  sessionEvents,
  sessions,
  users,
} from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import {
  IllegalTransitionError,
  InvalidSessionInputError,
  MechanicDisabledError,
  MechanicNotFoundError,
  SessionNotFoundError,
} from '../errors.ts';
import { getCreditBalance } from '../credits.ts';
import { expireOrphanedSessions } from '../expire-orphaned-sessions.ts';
import {
  ageSession,
  createCustomer,
  createMechanic,
  createOperator,
  sessionInput,
} from '../test-fixtures.ts';
import { acceptAssignment } from '../transitions/accept-assignment.ts';
import { startSession } from '../transitions/start-session.ts';
import { disableMechanic, enableMechanic } from './mechanic-access.ts';
import { cancelSessionAsOperator, listOperatorActions, requeueSession } from './operator-actions.ts';

const database = useTestDatabase({ max: 4 });
const db = () => database.db;

/** A customer's credit session accepted by a fresh mechanic (started too when `live`). */
async function acceptedSession(live = false) {
  const customer = await createCustomer(db(), 1);
  const mechanic = await createMechanic(db());
  const { session, assignment } = await createSessionRecord(db(), sessionInput('credit', customer));
  await acceptAssignment(db(), { assignmentId: assignment.id, mechanicUserId: mechanic });
  if (live) await startSession(db(), { sessionId: session.id, actorUserId: mechanic });
  return { sessionId: session.id, assignmentId: assignment.id, customer, mechanic };
}

const actionsOf = (sessionId: string) =>
  db().execute<{
    action: string;
    operator_user_id: string;
    reason: string | null;
    subject_user_id: string | null;
  }>(
    sql`SELECT action, operator_user_id, reason, subject_user_id FROM operator_actions
        WHERE session_id = ${sessionId} ORDER BY id`,
  );

const participantsOf = (sessionId: string) =>
  db().execute<{ user_id: string; role: string }>(
    sql`SELECT user_id, role FROM session_participants WHERE session_id = ${sessionId} ORDER BY role`,
  );

describe('requeueSession', () => {
  it.each([false, true])(
    'puts an accepted (live: %s) session back in the queue; another mechanic takes it, the released one is free',
    async (live) => {
      const operator = await createOperator(db());
      const { sessionId, assignmentId, customer, mechanic } = await acceptedSession(live);
      const requeued = await requeueSession(db(), {
        sessionId,
        operatorUserId: operator,
        reason: '  Mechanic stopped answering  ',
      });
      expect(requeued.releasedMechanicUserId).toBe(mechanic);
      expect(requeued.session).toMatchObject({ status: 'pending', acceptedAt: null, startedAt: null });
      const [assignment] = await db()
        .select()
        .from(sessionAssignments)
        .where(eq(sessionAssignments.id, assignmentId));
      expect(assignment).toMatchObject({ status: 'queued', mechanicUserId: null, acceptedAt: null });
      expect(await participantsOf(sessionId)).toEqual([{ user_id: customer, role: 'customer' }]);
      const [event] = await db()
        .select()
        .from(sessionEvents)
        .where(and(eq(sessionEvents.sessionId, sessionId), eq(sessionEvents.type, 'entered_queue')));
      expect(event).toMatchObject({
        actorUserId: operator,
        payload: {
          from: live ? 'live' : 'waiting',
          to: 'pending',
          byOperator: true,
          reason: 'Mechanic stopped answering',
        },
      });
      expect([...(await actionsOf(sessionId))]).toEqual([
        {
          action: 'session_requeued',
          operator_user_id: operator,
          reason: 'Mechanic stopped answering',
          subject_user_id: mechanic,
        },
      ]);

      const other = await createMechanic(db());
      const taken = await acceptAssignment(db(), { assignmentId, mechanicUserId: other });
      expect(taken.session.status).toBe('waiting');
      // The released mechanic may take another session.
      const next = await createSessionRecord(db(), sessionInput('free', await createCustomer(db())));
      await acceptAssignment(db(), { assignmentId: next.assignment.id, mechanicUserId: mechanic });
    },
  );

  it('refuses what it cannot do, and writes nothing', async () => {
    const operator = await createOperator(db());
    const customer = await createCustomer(db());
    const { session } = await createSessionRecord(db(), sessionInput('free', customer));
    await expect(
      requeueSession(db(), { sessionId: session.id, operatorUserId: operator, reason: 'stuck' }),
    ).rejects.toThrow(IllegalTransitionError);
    const accepted = await acceptedSession();
    await expect(
      requeueSession(db(), { sessionId: accepted.sessionId, operatorUserId: operator, reason: ' x ' }),
    ).rejects.toThrow(InvalidSessionInputError);
    await expect(
      requeueSession(db(), { sessionId: crypto.randomUUID(), operatorUserId: operator, reason: 'stuck' }),
    ).rejects.toThrow(SessionNotFoundError);
    // Only an operator: the database itself refuses anyone else (the audit's key to users(id, role)).
    const error = await requeueSession(db(), {
      sessionId: accepted.sessionId,
      operatorUserId: accepted.mechanic,
      reason: 'not mine to do',
    }).catch((caught: unknown) => caught);
    expect(describeError(error)).toMatch(/fk_operator_actions_operator_role/);
    const [row] = await db()
      .select({ status: sessions.status })
      .from(sessions)
      .where(eq(sessions.id, accepted.sessionId));
    expect(row?.status).toBe('waiting');
    expect([...(await actionsOf(accepted.sessionId))]).toEqual([]);
  });

  it('gives a requeued session its two hours again before the orphan expiry', async () => {
    const operator = await createOperator(db());
    const { sessionId } = await acceptedSession();
    await ageSession(db(), sessionId, 3);
    await requeueSession(db(), { sessionId, operatorUserId: operator, reason: 'Mechanic left' });
    await expireOrphanedSessions(db());
    const [row] = await db()
      .select({ status: sessions.status })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    expect(row?.status).toBe('pending');
    await db()
      .update(sessions)
      .set({ requeuedAt: sql`now() - interval '3 hours'` })
      .where(eq(sessions.id, sessionId));
    await expireOrphanedSessions(db());
    const [after] = await db()
      .select({ status: sessions.status })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    expect(after?.status).toBe('expired');
  });
});

describe('cancelSessionAsOperator', () => {
  it('cancels with the customer’s refund rules, naming the operator and the reason', async () => {
    const operator = await createOperator(db());
    const customer = await createCustomer(db(), 1);
    const { session } = await createSessionRecord(db(), sessionInput('credit', customer));
    expect(await getCreditBalance(db(), customer)).toBe(0);
    const cancelled = await cancelSessionAsOperator(db(), {
      sessionId: session.id,
      operatorUserId: operator,
      reason: 'Duplicate of another request',
    });
    expect(cancelled).toMatchObject({
      creditsRefunded: 1,
      wasAccepted: false,
      session: { status: 'cancelled' },
    });
    expect(await getCreditBalance(db(), customer)).toBe(1);
    const [event] = await db()
      .select()
      .from(sessionEvents)
      .where(and(eq(sessionEvents.sessionId, session.id), eq(sessionEvents.type, 'cancelled')));
    expect(event).toMatchObject({
      actorUserId: operator,
      payload: { byOperator: true, reason: 'Duplicate of another request', creditsRefunded: 1 },
    });
    expect([...(await actionsOf(session.id))]).toMatchObject([
      { action: 'session_cancelled', operator_user_id: operator },
    ]);
  });

  it('refuses a live session (nothing written)', async () => {
    const operator = await createOperator(db());
    const { sessionId } = await acceptedSession(true);
    await expect(
      cancelSessionAsOperator(db(), { sessionId, operatorUserId: operator, reason: 'Customer asked' }),
    ).rejects.toThrow(IllegalTransitionError);
    expect([...(await actionsOf(sessionId))]).toEqual([]);
  });
});

describe('disableMechanic / enableMechanic', () => {
  it('signs the mechanic out everywhere, requeues their session, refuses their accepts; enable undoes it', async () => {
    const operator = await createOperator(db());
    const { sessionId, mechanic } = await acceptedSession(true);
    await db()
      .insert(authSessions)
      .values({
        id: crypto.randomUUID(),
        token: `token-${crypto.randomUUID()}`,
        userId: mechanic,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    const disabled = await disableMechanic(db(), {
      mechanicUserId: mechanic,
      operatorUserId: operator,
      reason: 'Rude to a customer',
    });
    expect(disabled).toEqual({ changed: true, requeuedSessionId: sessionId });
    expect(await db().select().from(authSessions).where(eq(authSessions.userId, mechanic))).toEqual([]);
    const [revocation] = await db().execute<{ kind: string }>(
      sql`SELECT kind FROM auth_session_revocations WHERE subject = ${mechanic}`,
    );
    expect(revocation?.kind).toBe('user');
    const [session] = await db().select().from(sessions).where(eq(sessions.id, sessionId));
    expect(session?.status).toBe('pending');
    const events = await db()
      .select({ type: sessionEvents.type, payload: sessionEvents.payload })
      .from(sessionEvents)
      .where(eq(sessionEvents.sessionId, sessionId))
      .orderBy(asc(sessionEvents.id));
    expect(events.at(-1)).toMatchObject({
      type: 'entered_queue',
      payload: { reason: 'Mechanic disabled: Rude to a customer' },
    });
    expect([...(await actionsOf(sessionId))]).toMatchObject([
      { action: 'mechanic_disabled', subject_user_id: mechanic, reason: 'Rude to a customer' },
    ]);

    const next = await createSessionRecord(db(), sessionInput('free', await createCustomer(db())));
    await expect(
      acceptAssignment(db(), { assignmentId: next.assignment.id, mechanicUserId: mechanic }),
    ).rejects.toThrow(MechanicDisabledError);
    // Twice: nothing changes, nothing more is recorded.
    expect(
      await disableMechanic(db(), { mechanicUserId: mechanic, operatorUserId: operator, reason: 'Again' }),
    ).toEqual({
      changed: false,
      requeuedSessionId: null,
    });

    expect(
      await enableMechanic(db(), {
        mechanicUserId: mechanic,
        operatorUserId: operator,
        reason: 'Apologised',
      }),
    ).toEqual({
      changed: true,
    });
    const [user] = await db()
      .select({ disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, mechanic));
    expect(user?.disabledAt).toBeNull();
    await acceptAssignment(db(), { assignmentId: next.assignment.id, mechanicUserId: mechanic });
    const audit = await db().execute<{ action: string }>(
      sql`SELECT action FROM operator_actions WHERE subject_user_id = ${mechanic} ORDER BY id`,
    );
    expect([...audit].map((row) => row.action)).toEqual(['mechanic_disabled', 'mechanic_enabled']);
  });

  it('refuses what is not a mechanic, and a bad reason', async () => {
    const operator = await createOperator(db());
    const customer = await createCustomer(db());
    await expect(
      disableMechanic(db(), { mechanicUserId: customer, operatorUserId: operator, reason: 'Not a mechanic' }),
    ).rejects.toThrow(MechanicNotFoundError);
    const mechanic = await createMechanic(db());
    await expect(
      disableMechanic(db(), { mechanicUserId: mechanic, operatorUserId: operator, reason: '' }),
    ).rejects.toThrow(InvalidSessionInputError);
    const [user] = await db()
      .select({ disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, mechanic));
    expect(user?.disabledAt).toBeNull();
  });

  it('decides an accept racing a disable by the mechanic’s row lock: the waiting accept is refused', async () => {
    const mechanic = await createMechanic(db());
    const { assignment } = await createSessionRecord(db(), sessionInput('free', await createCustomer(db())));
    // The disable's transaction holds the mechanic's row while the accept comes in.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const disabling = db().transaction(async (tx) => {
      await tx.execute(sql`SELECT 1 FROM users WHERE id = ${mechanic} FOR UPDATE`);
      await tx.execute(sql`UPDATE users SET disabled_at = now() WHERE id = ${mechanic}`);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const accepting = acceptAssignment(db(), { assignmentId: assignment.id, mechanicUserId: mechanic }).catch(
      (error: unknown) => error,
    );
    // Polled from another connection: the accept is waiting on the row lock.
    for (let waited = 0; ; waited += 50) {
      const [waiting] = await db().execute<{ n: number }>(sql`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE wait_event_type = 'Lock' AND query LIKE '%WITH moved AS%' AND datname = current_database()`);
      if ((waiting?.n ?? 0) > 0) break;
      if (waited > 10_000) throw new Error('the accept never waited on the mechanic’s row');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    release();
    await disabling;
    expect(await accepting).toBeInstanceOf(MechanicDisabledError);
    const [row] = await db()
      .select({ status: sessionAssignments.status })
      .from(sessionAssignments)
      .where(eq(sessionAssignments.id, assignment.id));
    expect(row?.status).toBe('queued');
  });
});

describe('operator_actions', () => {
  it('is read newest first, naming the operator and the mechanic', async () => {
    const operator = await createOperator(db());
    const mechanic = await createMechanic(db());
    await disableMechanic(db(), { mechanicUserId: mechanic, operatorUserId: operator, reason: 'First' });
    await enableMechanic(db(), { mechanicUserId: mechanic, operatorUserId: operator, reason: 'Second' });
    const lines = (await listOperatorActions(db())).filter(
      (line) => line.reason === 'First' || line.reason === 'Second',
    );
    expect(
      lines.slice(0, 2).map((line) => [line.action, line.reason, line.operatorName, line.subjectName]),
    ).toEqual([
      ['mechanic_enabled', 'Second', lines[0]!.operatorName, lines[0]!.subjectName],
      ['mechanic_disabled', 'First', lines[0]!.operatorName, lines[0]!.subjectName],
    ]);
    expect(lines[0]!.operatorName).toMatch(/^operator /);
    expect(lines[0]!.subjectName).toMatch(/^mechanic /);
  });

  it('is append-only', async () => {
    const operator = await createOperator(db());
    const mechanic = await createMechanic(db());
    await disableMechanic(db(), {
      mechanicUserId: mechanic,
      operatorUserId: operator,
      reason: 'Testing the audit',
    });
    await expect(
      db()
        .execute(sql`UPDATE operator_actions SET reason = 'edited' WHERE subject_user_id = ${mechanic}`)
        .then(() => 'updated', describeError),
    ).resolves.toMatch(/append-only/);
    await expect(
      db()
        .execute(sql`DELETE FROM operator_actions WHERE subject_user_id = ${mechanic}`)
        .then(() => 'deleted', describeError),
    ).resolves.toMatch(/append-only/);
  });
});
