import { sessionAssignments, sessions } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from './create-session-record.ts';
import { ActiveSessionConflictError, FreeSessionUsedError } from './errors.ts';
import { expireOrphanedSessions } from './expire-orphaned-sessions.ts';
import { getIntakeOptions } from './queries/intake-options.ts';
import { usesFreeSession } from './rules/pricing.ts';
import { ageSession, createCustomer, createMechanic, sessionInput } from './test-fixtures.ts';
import { acceptAssignment } from './transitions/accept-assignment.ts';
import { cancelSession } from './transitions/cancel-session.ts';
import { endSession } from './transitions/end-session.ts';
import { startSession } from './transitions/start-session.ts';

const database = useTestDatabase();

const freeSessionsOf = async (customer: string) =>
  (
    await database.db
      .select({ n: count() })
      .from(sessions)
      .where(sql`${sessions.customerUserId} = ${customer} AND ${sessions.type} = 'free'`)
  )[0]!.n;

describe('one free session per customer', () => {
  it('states the rule: only a free session cancelled or expired unaccepted is not used up', () => {
    const at = new Date();
    expect(usesFreeSession({ type: 'free', status: 'pending', acceptedAt: null })).toBe(true);
    expect(usesFreeSession({ type: 'free', status: 'ended', acceptedAt: at })).toBe(true);
    expect(usesFreeSession({ type: 'free', status: 'cancelled', acceptedAt: null })).toBe(false);
    expect(usesFreeSession({ type: 'free', status: 'expired', acceptedAt: null })).toBe(false);
    expect(usesFreeSession({ type: 'free', status: 'cancelled', acceptedAt: at })).toBe(true);
    expect(usesFreeSession({ type: 'credit', status: 'ended', acceptedAt: at })).toBe(false);
  });

  it('refuses a second free session once one was accepted, with FreeSessionUsedError and nothing written', async () => {
    const { db } = database;
    const customer = await createCustomer(db, 1);
    const mechanic = await createMechanic(db);
    const { session, assignment } = await createSessionRecord(db, sessionInput('free', customer));
    const accepted = await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    expect(accepted.session.acceptedAt).toBeInstanceOf(Date);
    await startSession(db, { sessionId: session.id, actorUserId: mechanic });
    await endSession(db, { sessionId: session.id, actorUserId: customer });
    expect(await getIntakeOptions(db, customer)).toEqual({
      freeSessionAvailable: false,
      credits: 1,
      mechanicsOnline: 0,
    });

    const error = await createSessionRecord(db, sessionInput('free', customer)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FreeSessionUsedError);
    expect(error).toMatchObject({ kind: 'conflict', code: 'FREE_SESSION_USED' });
    expect(await freeSessionsOf(customer)).toBe(1);
    // A credit session is still fine.
    await expect(createSessionRecord(db, sessionInput('credit', customer))).resolves.toBeTruthy();
  });

  it('counts a free session cancelled after a mechanic accepted it', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const { session, assignment } = await createSessionRecord(db, sessionInput('free', customer));
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: await createMechanic(db) });
    await cancelSession(db, { sessionId: session.id, actorUserId: customer });
    await expect(createSessionRecord(db, sessionInput('free', customer))).rejects.toBeInstanceOf(
      FreeSessionUsedError,
    );
  });

  it('gives the free session back when it was cancelled or expired before any mechanic accepted it', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const first = await createSessionRecord(db, sessionInput('free', customer));
    expect(await getIntakeOptions(db, customer)).toEqual({
      freeSessionAvailable: false,
      credits: 0,
      mechanicsOnline: 0,
    });
    await cancelSession(db, { sessionId: first.session.id, actorUserId: customer });
    expect(await getIntakeOptions(db, customer)).toEqual({
      freeSessionAvailable: true,
      credits: 0,
      mechanicsOnline: 0,
    });

    const second = await createSessionRecord(db, sessionInput('free', customer));
    await ageSession(db, second.session.id, 3);
    await expireOrphanedSessions(db);
    expect(await getIntakeOptions(db, customer)).toMatchObject({ freeSessionAvailable: true });
    await expect(createSessionRecord(db, sessionInput('free', customer))).resolves.toBeTruthy();
  });

  it('lets exactly one of 10 concurrent free intakes through after a cancelled one', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const first = await createSessionRecord(db, sessionInput('free', customer));
    await cancelSession(db, { sessionId: first.session.id, actorUserId: customer });

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => createSessionRecord(db, sessionInput('free', customer))),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') {
        // Pending, so the active-session rule or the free-session rule refuses it.
        expect(
          r.reason instanceof ActiveSessionConflictError || r.reason instanceof FreeSessionUsedError,
        ).toBe(true);
      }
    }
    expect(await freeSessionsOf(customer)).toBe(2);
  });

  it('lets exactly one of 10 concurrent free intakes through when the first ones race', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const mechanic = await createMechanic(db);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => createSessionRecord(db, sessionInput('free', customer))),
    );
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(won).toHaveLength(1);
    // Once accepted and over, no number of concurrent tries makes another.
    await acceptAssignment(db, { assignmentId: won[0]!.assignment.id, mechanicUserId: mechanic });
    await cancelSession(db, { sessionId: won[0]!.session.id, actorUserId: customer });
    const again = await Promise.allSettled(
      Array.from({ length: 10 }, () => createSessionRecord(db, sessionInput('free', customer))),
    );
    expect(again.every((r) => r.status === 'rejected' && r.reason instanceof FreeSessionUsedError)).toBe(
      true,
    );
    const [assignment] = await db
      .select()
      .from(sessionAssignments)
      .where(eq(sessionAssignments.sessionId, won[0]!.session.id));
    expect(assignment?.acceptedAt).toBeInstanceOf(Date);
  });
});
