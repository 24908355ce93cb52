import {
  sessionAssignments,
  sessionEvents,
  sessionParticipants,
  sessions,
  type Database,
} from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from './create-session-record.ts';
import { getCreditBalance } from './credits.ts';
import { expireOrphanedSessions } from './expire-orphaned-sessions.ts';
import type { SessionStatus } from './rules/statuses.ts';
import { ageSession, createCustomer, createMechanic, sessionInput } from './test-fixtures.ts';
import { acceptAssignment } from './transitions/accept-assignment.ts';
import { cancelSession } from './transitions/cancel-session.ts';
import { endSession } from './transitions/end-session.ts';
import { startSession } from './transitions/start-session.ts';

const database = useTestDatabase();

/** A credit session brought to `status` through the real transitions. */
async function sessionIn(db: Database, status: SessionStatus) {
  const customer = await createCustomer(db, 1);
  const scheduledFor = status === 'scheduled' ? new Date(Date.now() + 3600_000) : undefined;
  const { session, assignment } = await createSessionRecord(db, {
    ...sessionInput('credit', customer),
    scheduledFor,
  });
  const mechanic = await createMechanic(db);
  const actor = { sessionId: session.id, actorUserId: customer };
  if (['waiting', 'live', 'ended'].includes(status)) {
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
  }
  if (['live', 'ended'].includes(status)) await startSession(db, actor);
  if (status === 'ended') await endSession(db, actor);
  if (status === 'cancelled') await cancelSession(db, actor);
  if (status === 'expired') {
    await ageSession(db, session.id, 3);
    await expireOrphanedSessions(db);
  }
  return { id: session.id, customer, mechanic };
}

const statusOf = async (db: Database, id: string) =>
  (await db.select({ status: sessions.status }).from(sessions).where(eq(sessions.id, id)))[0]!.status;

describe('expire_orphaned_sessions()', () => {
  it('expires only pending and waiting sessions older than 2 hours, once', async () => {
    const { db } = database;
    // `expired` first: making one runs the expiry, which must not see the others yet.
    const statuses = ['expired', 'pending', 'waiting', 'live', 'ended', 'scheduled', 'cancelled'] as const;
    const cases = [];
    for (const status of statuses) {
      for (const hours of [1, 3, 48]) {
        const made = await sessionIn(db, status);
        await ageSession(db, made.id, hours);
        cases.push({ ...made, status, hours, balance: await getCreditBalance(db, made.customer) });
      }
    }

    expect(await expireOrphanedSessions(db)).toBe(4);
    for (const c of cases) {
      const orphan = (c.status === 'pending' || c.status === 'waiting') && c.hours > 2;
      expect({ status: c.status, hours: c.hours, now: await statusOf(db, c.id) }).toEqual({
        status: c.status,
        hours: c.hours,
        now: orphan ? 'expired' : c.status,
      });
      // Credits come back only when no mechanic had accepted (pending).
      const refund = orphan && c.status === 'pending' ? 1 : 0;
      expect(await getCreditBalance(db, c.customer)).toBe(c.balance + refund);
      if (orphan) {
        const [assignment] = await db
          .select()
          .from(sessionAssignments)
          .where(eq(sessionAssignments.sessionId, c.id));
        expect(assignment?.status).toBe('expired');
        const events = await db.select().from(sessionEvents).where(eq(sessionEvents.sessionId, c.id));
        expect(events.at(-1)).toMatchObject({
          type: 'expired',
          actorUserId: null,
          payload: { from: c.status, reason: 'orphaned', creditsRefunded: refund },
        });
        const [row] = await db
          .select({ endedAt: sessions.endedAt })
          .from(sessions)
          .where(eq(sessions.id, c.id));
        expect(row?.endedAt).toBeInstanceOf(Date);
        const stillIn = await db
          .select()
          .from(sessionParticipants)
          .where(sql`${sessionParticipants.sessionId} = ${c.id} AND ${isNull(sessionParticipants.leftAt)}`);
        expect(stillIn).toEqual([]);
      }
    }

    const eventsBefore = await db.$count(sessionEvents);
    expect(await expireOrphanedSessions(db)).toBe(0);
    expect(await db.$count(sessionEvents)).toBe(eventsBefore);
  });

  it('counts a scheduled session from its start, not its creation', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const { session } = await createSessionRecord(db, {
      ...sessionInput('free', customer),
      scheduledFor: new Date(Date.now() + 3600_000),
    });
    // Booked three days ago for an hour ago, and now in the queue.
    await db
      .update(sessions)
      .set({
        status: 'pending',
        createdAt: sql`now() - interval '3 days'`,
        scheduledFor: sql`now() - interval '1 hour'`,
      })
      .where(eq(sessions.id, session.id));
    expect(await expireOrphanedSessions(db)).toBe(0);
    await db
      .update(sessions)
      .set({ scheduledFor: sql`now() - interval '3 hours'` })
      .where(eq(sessions.id, session.id));
    expect(await expireOrphanedSessions(db)).toBe(1);
  });

  it('lets the customer start a new session after expiry, and frees the mechanic', async () => {
    const { db } = database;
    const { id, customer, mechanic } = await sessionIn(db, 'waiting');
    await ageSession(db, id, 3);
    expect(await expireOrphanedSessions(db)).toBe(1);
    await expect(createSessionRecord(db, sessionInput('free', customer))).resolves.toMatchObject({
      created: true,
    });
    const other = await createSessionRecord(db, sessionInput('free', await createCustomer(db)));
    await expect(
      acceptAssignment(db, { assignmentId: other.assignment.id, mechanicUserId: mechanic }),
    ).resolves.toBeDefined();
  });
});
