import {
  sessionAssignments,
  sessionEvents,
  sessionParticipants,
  sessions,
  type Database,
} from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { getCreditBalance } from '../credits.ts';
import {
  AssignmentNotFoundError,
  AssignmentUnavailableError,
  IllegalTransitionError,
  MechanicBusyError,
  MechanicNotFoundError,
  NotAParticipantError,
  SessionNotFoundError,
} from '../errors.ts';
import { createCustomer, createMechanic, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from './accept-assignment.ts';
import { cancelSession } from './cancel-session.ts';
import { endSession } from './end-session.ts';
import { startSession } from './start-session.ts';

const database = useTestDatabase({ max: 30 });

async function queuedSession(db: Database, type: 'free' | 'credit' | 'paid' = 'free') {
  const customer = await createCustomer(db, type === 'credit' ? 1 : 0);
  const { session, assignment } = await createSessionRecord(db, sessionInput(type, customer));
  return { customer, session, assignment };
}

async function snapshot(db: Database, sessionId: string) {
  return {
    session: (await db.select().from(sessions).where(eq(sessions.id, sessionId)))[0],
    assignment: (
      await db.select().from(sessionAssignments).where(eq(sessionAssignments.sessionId, sessionId))
    )[0],
    participants: await db
      .select()
      .from(sessionParticipants)
      .where(eq(sessionParticipants.sessionId, sessionId))
      .orderBy(asc(sessionParticipants.joinedAt)),
    events: await db
      .select()
      .from(sessionEvents)
      .where(eq(sessionEvents.sessionId, sessionId))
      .orderBy(asc(sessionEvents.id)),
  };
}

describe('acceptAssignment', () => {
  it('accepts: assignment accepted, session waiting, mechanic joins, event written', async () => {
    const { db } = database;
    const { session, assignment } = await queuedSession(db);
    const mechanic = await createMechanic(db);
    const accepted = await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });

    expect(accepted.session.status).toBe('waiting');
    expect(accepted.assignment).toMatchObject({ status: 'accepted', mechanicUserId: mechanic });
    expect(accepted.assignment.acceptedAt).toBeInstanceOf(Date);
    const after = await snapshot(db, session.id);
    expect(after.participants.map((p) => [p.role, p.userId])).toEqual([
      ['customer', session.customerUserId],
      ['mechanic', mechanic],
    ]);
    expect(after.events.map((e) => [e.type, e.actorUserId])).toEqual([
      ['created', session.customerUserId],
      ['assignment_accepted', mechanic],
    ]);
  });

  it('lets exactly one of 20 mechanics accepting at once win', async () => {
    const { db } = database;
    const { session, assignment } = await queuedSession(db);
    const mechanics = await Promise.all(Array.from({ length: 20 }, () => createMechanic(db)));
    const results = await Promise.allSettled(
      mechanics.map((mechanicUserId) =>
        acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId }),
      ),
    );
    const winners = results.filter((r) => r.status === 'fulfilled');
    const losers = results.filter((r) => r.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(AssignmentUnavailableError);
      expect(loser.reason).toMatchObject({ status: 'accepted', kind: 'conflict' });
    }
    const after = await snapshot(db, session.id);
    expect(after.participants.filter((p) => p.role === 'mechanic')).toHaveLength(1);
    expect(after.events.filter((e) => e.type === 'assignment_accepted')).toHaveLength(1);
    expect(after.assignment?.mechanicUserId).toBe(
      after.participants.find((p) => p.role === 'mechanic')?.userId,
    );
  });

  it("tells a loser that waited for the winner's commit that the assignment was accepted", async () => {
    const { db } = database;
    const { session, assignment } = await queuedSession(db);
    const [winner, loser] = [await createMechanic(db), await createMechanic(db)];
    // The winner's accept, held open: the loser's statement starts while the assignment is still
    // queued in its snapshot and waits for the session row.
    const sql = db.$client;
    let loserAccept: Promise<unknown> | undefined;
    await sql.begin(async (tx) => {
      await tx`UPDATE sessions SET status = 'waiting', accepted_at = now() WHERE id = ${session.id}`;
      await tx`UPDATE session_assignments SET status = 'accepted', mechanic_user_id = ${winner},
               accepted_at = now() WHERE id = ${assignment.id}`;
      await tx`INSERT INTO session_participants (session_id, user_id, role) VALUES (${session.id}, ${winner}, 'mechanic')`;
      loserAccept = acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: loser }).catch(
        (error: unknown) => error,
      );
      for (;;) {
        const [waiting] = await sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE '%WITH moved AS%'`;
        if (waiting!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    await expect(loserAccept).resolves.toMatchObject({
      constructor: AssignmentUnavailableError,
      status: 'accepted',
    });
    const after = await snapshot(db, session.id);
    expect(after.participants.filter((p) => p.role === 'mechanic').map((p) => p.userId)).toEqual([winner]);
  });

  it('refuses a loser without locking the assignment (a read-only statement: no WAL flush)', async () => {
    const { db } = database;
    const { assignment } = await queuedSession(db);
    const [winner, loser] = [await createMechanic(db), await createMechanic(db)];
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: winner });
    await expect(
      acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: loser }),
    ).rejects.toMatchObject({ constructor: AssignmentUnavailableError, status: 'accepted' });
    // A row lock (FOR SHARE) would have left the loser's transaction id in the row's xmax.
    const [row] = await db.$client<{ xmax: string }[]>`
      SELECT xmax::text AS xmax FROM session_assignments WHERE id = ${assignment.id}`;
    expect(row?.xmax).toBe('0');
  });

  it('keeps a mechanic to one active session, also when accepting two at once', async () => {
    const { db } = database;
    const mechanic = await createMechanic(db);
    const first = await queuedSession(db);
    const second = await queuedSession(db);
    const results = await Promise.allSettled([
      acceptAssignment(db, { assignmentId: first.assignment.id, mechanicUserId: mechanic }),
      acceptAssignment(db, { assignmentId: second.assignment.id, mechanicUserId: mechanic }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(MechanicBusyError);
    const won = results.findIndex((r) => r.status === 'fulfilled');
    const [winner, loser] = won === 0 ? [first, second] : [second, first];
    expect(rejected?.reason).toMatchObject({ activeSessionId: winner.session.id });
    // The loser's session is untouched and still in the queue.
    const untouched = await snapshot(db, loser.session.id);
    expect(untouched.session?.status).toBe('pending');
    expect(untouched.assignment?.status).toBe('queued');
    expect(untouched.events).toHaveLength(1);
  });

  it('writes nothing when a pending session has no queued assignment to take', async () => {
    const { db } = database;
    const mechanic = await createMechanic(db);
    const { session, assignment } = await queuedSession(db);
    // Data out of step (no move leaves it so): the session alone must not move.
    await db
      .update(sessionAssignments)
      .set({ status: 'cancelled' })
      .where(eq(sessionAssignments.id, assignment.id));
    await expect(
      acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic }),
    ).rejects.toMatchObject({ constructor: AssignmentUnavailableError, status: 'cancelled' });
    const after = await snapshot(db, session.id);
    expect(after.session?.status).toBe('pending');
    expect(after.participants).toHaveLength(1);
    expect(after.events).toHaveLength(1);
  });

  it('frees the mechanic once the session ends', async () => {
    const { db } = database;
    const mechanic = await createMechanic(db);
    const first = await queuedSession(db);
    await acceptAssignment(db, { assignmentId: first.assignment.id, mechanicUserId: mechanic });
    await startSession(db, { sessionId: first.session.id, actorUserId: mechanic });
    await endSession(db, { sessionId: first.session.id, actorUserId: mechanic });
    const second = await queuedSession(db);
    await expect(
      acceptAssignment(db, { assignmentId: second.assignment.id, mechanicUserId: mechanic }),
    ).resolves.toMatchObject({ session: { status: 'waiting' } });
  });

  it('refuses a customer, an unknown user, an unknown assignment', async () => {
    const { db } = database;
    const { session, assignment, customer } = await queuedSession(db);
    await expect(
      acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: customer }),
    ).rejects.toBeInstanceOf(MechanicNotFoundError);
    await expect(
      acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: 'nobody' }),
    ).rejects.toBeInstanceOf(MechanicNotFoundError);
    const mechanic = await createMechanic(db);
    for (const assignmentId of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      await expect(acceptAssignment(db, { assignmentId, mechanicUserId: mechanic })).rejects.toBeInstanceOf(
        AssignmentNotFoundError,
      );
    }
    const after = await snapshot(db, session.id);
    expect(after.session?.status).toBe('pending');
    expect(after.assignment?.status).toBe('queued');
    expect(after.participants).toHaveLength(1);
  });

  it('refuses a scheduled session (not in the queue yet) and a cancelled one', async () => {
    const { db } = database;
    const mechanic = await createMechanic(db);
    const customer = await createCustomer(db);
    const scheduled = await createSessionRecord(db, {
      ...sessionInput('free', customer),
      scheduledFor: new Date(Date.now() + 3600_000),
    });
    await expect(
      acceptAssignment(db, { assignmentId: scheduled.assignment.id, mechanicUserId: mechanic }),
    ).rejects.toMatchObject({ code: 'ASSIGNMENT_UNAVAILABLE', status: 'queued' });
    await cancelSession(db, { sessionId: scheduled.session.id, actorUserId: customer });
    await expect(
      acceptAssignment(db, { assignmentId: scheduled.assignment.id, mechanicUserId: mechanic }),
    ).rejects.toMatchObject({ code: 'ASSIGNMENT_UNAVAILABLE', status: 'cancelled' });
  });
});

describe('startSession and endSession', () => {
  it('runs a session through waiting → live → ended, writing each event', async () => {
    const { db } = database;
    const { session, assignment, customer } = await queuedSession(db);
    const mechanic = await createMechanic(db);
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    const live = await startSession(db, { sessionId: session.id, actorUserId: mechanic });
    expect(live.status).toBe('live');
    expect(live.startedAt).toBeInstanceOf(Date);
    const ended = await endSession(db, { sessionId: session.id, actorUserId: customer });
    expect(ended.status).toBe('ended');
    expect(ended.endedAt).toBeInstanceOf(Date);

    const after = await snapshot(db, session.id);
    expect(after.events.map((e) => e.type)).toEqual(['created', 'assignment_accepted', 'started', 'ended']);
    expect(after.events.at(-1)?.payload).toMatchObject({ from: 'live', to: 'ended' });
    expect(after.participants.every((p) => p.leftAt !== null)).toBe(true);
  });

  it('refuses illegal moves with IllegalTransitionError and changes nothing', async () => {
    const { db } = database;
    const { session, customer } = await queuedSession(db);
    await expect(startSession(db, { sessionId: session.id, actorUserId: customer })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'pending',
      to: 'live',
    });
    await expect(endSession(db, { sessionId: session.id, actorUserId: customer })).rejects.toBeInstanceOf(
      IllegalTransitionError,
    );
    const after = await snapshot(db, session.id);
    expect(after.session?.status).toBe('pending');
    expect(after.events).toHaveLength(1);
  });

  it('lets nothing leave ended: end twice, cancel after end', async () => {
    const { db } = database;
    const { session, assignment, customer } = await queuedSession(db);
    const mechanic = await createMechanic(db);
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    await startSession(db, { sessionId: session.id, actorUserId: mechanic });
    await endSession(db, { sessionId: session.id, actorUserId: mechanic });
    for (const move of [endSession, startSession, cancelSession]) {
      await expect(move(db, { sessionId: session.id, actorUserId: customer })).rejects.toMatchObject({
        code: 'ILLEGAL_TRANSITION',
        from: 'ended',
      });
    }
    expect((await snapshot(db, session.id)).events).toHaveLength(4);
  });

  it('refuses users who do not take part, and unknown sessions', async () => {
    const { db } = database;
    const { session, assignment } = await queuedSession(db);
    const mechanic = await createMechanic(db);
    const outsider = await createMechanic(db);
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    await expect(startSession(db, { sessionId: session.id, actorUserId: outsider })).rejects.toBeInstanceOf(
      NotAParticipantError,
    );
    await expect(cancelSession(db, { sessionId: session.id, actorUserId: outsider })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    for (const sessionId of ['garbage', '00000000-0000-4000-8000-000000000000']) {
      await expect(startSession(db, { sessionId, actorUserId: mechanic })).rejects.toBeInstanceOf(
        SessionNotFoundError,
      );
    }
    expect((await snapshot(db, session.id)).session?.status).toBe('waiting');
  });

  it('lets one of two concurrent starts through', async () => {
    const { db } = database;
    const { session, assignment } = await queuedSession(db);
    const mechanic = await createMechanic(db);
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => startSession(db, { sessionId: session.id, actorUserId: mechanic })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await snapshot(db, session.id)).events.filter((e) => e.type === 'started')).toHaveLength(1);
  });
});

describe('cancelSession', () => {
  it('returns the credits of a credit session no mechanic accepted', async () => {
    const { db } = database;
    const { session, customer } = await queuedSession(db, 'credit');
    expect(await getCreditBalance(db, customer)).toBe(0);
    const cancelled = await cancelSession(db, { sessionId: session.id, actorUserId: customer });
    expect(cancelled).toMatchObject({
      creditsRefunded: 1,
      wasAccepted: false,
      session: { status: 'cancelled' },
    });
    expect(await getCreditBalance(db, customer)).toBe(1);
    const after = await snapshot(db, session.id);
    expect(after.assignment?.status).toBe('cancelled');
    expect(after.events.at(-1)).toMatchObject({
      type: 'cancelled',
      payload: { from: 'pending', creditsRefunded: 1 },
    });
    // The customer may start again right away.
    await expect(createSessionRecord(db, sessionInput('credit', customer))).resolves.toMatchObject({
      created: true,
    });
  });

  it('keeps the credits once a mechanic accepted', async () => {
    const { db } = database;
    const { session, assignment, customer } = await queuedSession(db, 'credit');
    const mechanic = await createMechanic(db);
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    const cancelled = await cancelSession(db, { sessionId: session.id, actorUserId: customer });
    expect(cancelled).toMatchObject({ creditsRefunded: 0, wasAccepted: true });
    expect(await getCreditBalance(db, customer)).toBe(0);
    // The mechanic is free again.
    const next = await queuedSession(db);
    await expect(
      acceptAssignment(db, { assignmentId: next.assignment.id, mechanicUserId: mechanic }),
    ).resolves.toBeDefined();
  });

  it('refunds once when two cancels race', async () => {
    const { db } = database;
    const { session, customer } = await queuedSession(db, 'credit');
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => cancelSession(db, { sessionId: session.id, actorUserId: customer })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await getCreditBalance(db, customer)).toBe(1);
  });

  it('refuses to cancel a live session', async () => {
    const { db } = database;
    const { session, assignment, customer } = await queuedSession(db);
    const mechanic = await createMechanic(db);
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    await startSession(db, { sessionId: session.id, actorUserId: mechanic });
    await expect(cancelSession(db, { sessionId: session.id, actorUserId: customer })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      from: 'live',
      to: 'cancelled',
    });
  });
});
