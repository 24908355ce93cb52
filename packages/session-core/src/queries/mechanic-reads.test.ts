import { sessions, users } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { InvalidSessionInputError, NotAParticipantError, SessionNotFoundError } from '../errors.ts';
import { createCustomer, createMechanic, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from '../transitions/accept-assignment.ts';
import { cancelSession } from '../transitions/cancel-session.ts';
import { endSession } from '../transitions/end-session.ts';
import { startSession } from '../transitions/start-session.ts';
import { findActiveSession, getParticipantSession, listParticipantSessions } from './participant-sessions.ts';
import { toMechanicSessionView, toSessionView } from './session-view.ts';
import { getSessionTimeline } from './timeline.ts';
import { listUpcomingSessions } from './upcoming.ts';

const database = useTestDatabase();
const db = () => database.db;
const asMechanic = (userId: string) => ({ userId, role: 'mechanic' as const });
const asCustomer = (userId: string) => ({ userId, role: 'customer' as const });

/** A customer's free session, accepted by `mechanic` and (unless `keep`) run to its end. */
async function ranBy(mechanic: string, options: { keep?: boolean; minutesAgo?: number } = {}) {
  const customer = await createCustomer(db());
  const { session, assignment } = await createSessionRecord(db(), sessionInput('free', customer));
  if (options.minutesAgo) {
    await db()
      .update(sessions)
      .set({ createdAt: sql`now() - make_interval(mins => ${options.minutesAgo})` })
      .where(eq(sessions.id, session.id));
  }
  await acceptAssignment(db(), { assignmentId: assignment.id, mechanicUserId: mechanic });
  if (!options.keep) {
    await startSession(db(), { sessionId: session.id, actorUserId: mechanic });
    await endSession(db(), { sessionId: session.id, actorUserId: mechanic });
  }
  return { customer, sessionId: session.id };
}

describe('listParticipantSessions for a mechanic', () => {
  it('lists the sessions the mechanic accepted, newest first, a page at a time', async () => {
    const mechanic = await createMechanic(db());
    const other = await createMechanic(db());
    const oldest = await ranBy(mechanic, { minutesAgo: 30 });
    const cancelled = await ranBy(mechanic, { keep: true, minutesAgo: 20 });
    await cancelSession(db(), { sessionId: cancelled.sessionId, actorUserId: cancelled.customer });
    const newest = await ranBy(mechanic, { keep: true, minutesAgo: 10 });
    const others = await ranBy(other);
    const queued = await createSessionRecord(db(), sessionInput('free', await createCustomer(db())));

    const first = await listParticipantSessions(db(), asMechanic(mechanic), { limit: 2 });
    expect(first.items.map((s) => s.id)).toEqual([newest.sessionId, cancelled.sessionId]);
    expect(first.items[0]!.mechanicName).toMatch(/^mechanic /);
    const second = await listParticipantSessions(db(), asMechanic(mechanic), {
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second).toEqual({ items: [expect.objectContaining({ id: oldest.sessionId })], nextCursor: null });
    const all = await listParticipantSessions(db(), asMechanic(mechanic), { limit: 50 });
    expect(all.items.map((s) => s.id)).not.toContain(others.sessionId);
    expect(all.items.map((s) => s.id)).not.toContain(queued.session.id);
    await expect(
      listParticipantSessions(db(), asMechanic(mechanic), { limit: 2, cursor: 'nope' }),
    ).rejects.toBeInstanceOf(InvalidSessionInputError);
  });
});

describe("the customer's name in a mechanic's reads", () => {
  it('comes with the participant reads, its first word in the mechanic view, never in the customer view', async () => {
    const mechanic = await createMechanic(db());
    const { customer, sessionId } = await ranBy(mechanic, { keep: true });
    await db().update(users).set({ name: 'Alice  Smithson' }).where(eq(users.id, customer));
    const read = await getParticipantSession(db(), sessionId, asMechanic(mechanic));
    expect(read.customerName).toBe('Alice  Smithson');
    expect(toMechanicSessionView(read)).toMatchObject({ id: sessionId, customerFirstName: 'Alice' });
    const active = await findActiveSession(db(), asMechanic(mechanic));
    expect(toMechanicSessionView(active!).customerFirstName).toBe('Alice');
    const customerView = toSessionView(await getParticipantSession(db(), sessionId, asCustomer(customer)));
    expect(JSON.stringify(customerView)).not.toContain('Alice');
    expect(JSON.stringify(toMechanicSessionView(read))).not.toMatch(new RegExp(`${customer}|Smithson|@`));
  });
});

describe('getSessionTimeline', () => {
  it("gives the session's events oldest first to its participants only", async () => {
    const mechanic = await createMechanic(db());
    const { customer, sessionId } = await ranBy(mechanic);
    const expected = ['created', 'assignment_accepted', 'started', 'ended'];
    for (const reader of [asCustomer(customer), asMechanic(mechanic)]) {
      const { events } = await getSessionTimeline(db(), sessionId, reader);
      expect(events.map((e) => e.type)).toEqual(expected);
      expect(events.every((e) => e.at instanceof Date && /^\d+$/.test(e.id))).toBe(true);
      expect(Number(events[0]!.id)).toBeLessThan(Number(events[3]!.id));
    }
    await expect(
      getSessionTimeline(db(), sessionId, asMechanic(await createMechanic(db()))),
    ).rejects.toBeInstanceOf(NotAParticipantError);
    await expect(
      getSessionTimeline(db(), sessionId, asCustomer(await createCustomer(db()))),
    ).rejects.toBeInstanceOf(NotAParticipantError);
    await expect(getSessionTimeline(db(), randomUUID(), asCustomer(customer))).rejects.toBeInstanceOf(
      SessionNotFoundError,
    );
  });
});

describe('listUpcomingSessions', () => {
  it('lists scheduled sessions soonest first, without who booked them', async () => {
    const later = await createCustomer(db());
    const sooner = await createCustomer(db());
    const inTwoHours = new Date(Date.now() + 2 * 3600_000);
    const inOneHour = new Date(Date.now() + 3600_000);
    const a = await createSessionRecord(db(), { ...sessionInput('free', later), scheduledFor: inTwoHours });
    const b = await createSessionRecord(db(), { ...sessionInput('free', sooner), scheduledFor: inOneHour });
    const cancelledOne = await createCustomer(db());
    const c = await createSessionRecord(db(), {
      ...sessionInput('free', cancelledOne),
      scheduledFor: inOneHour,
    });
    await cancelSession(db(), { sessionId: c.session.id, actorUserId: cancelledOne });
    const pending = await createSessionRecord(db(), sessionInput('free', await createCustomer(db())));

    const entries = await listUpcomingSessions(db());
    expect(entries.map((e) => e.sessionId)).toEqual([b.session.id, a.session.id]);
    expect(entries[0]).toEqual({
      assignmentId: b.assignment.id,
      sessionId: b.session.id,
      sessionType: 'free',
      vehicle: { year: 2017, make: 'Toyota', model: 'Corolla', vin: null },
      concern: b.session.concern,
      scheduledFor: inOneHour,
    });
    expect(entries.map((e) => e.sessionId)).not.toContain(pending.session.id);
    expect(JSON.stringify(entries)).not.toMatch(new RegExp(`${later}|${sooner}`));
  });
});
