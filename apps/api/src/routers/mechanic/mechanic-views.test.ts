import { sessionAssignments, sessions } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../../testing/accounts.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { summary, intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

async function queuedSession(customer?: TestUser, overrides: Record<string, unknown> = {}) {
  const owner = customer ?? (await t.customer());
  const result = await owner.client.intake.startSession.mutate(intake(overrides));
  if (result.kind !== 'session') throw new Error('expected a session');
  const [assignment] = await t.database.db
    .select()
    .from(sessionAssignments)
    .where(eq(sessionAssignments.sessionId, result.session.id));
  return { customer: owner, session: result.session, assignmentId: assignment!.id };
}

/** A session `mechanic` accepted, ran and ended, created `minutesAgo`. */
async function ranBy(mechanic: TestUser, minutesAgo: number) {
  const queued = await queuedSession();
  await t.database.db
    .update(sessions)
    .set({ createdAt: sql`now() - make_interval(mins => ${minutesAgo})` })
    .where(eq(sessions.id, queued.session.id));
  await mechanic.client.mechanic.accept.mutate({ assignmentId: queued.assignmentId });
  await mechanic.client.mechanic.startSession.mutate({ sessionId: queued.session.id });
  await mechanic.client.mechanic.endSession.mutate({ sessionId: queued.session.id, summary: summary() });
  return queued.session.id;
}

describe("the customer's first name in the mechanic's views", () => {
  it('comes with accept, activeSession and session; never the id, email or last name', async () => {
    const tag = randomUUID().slice(0, 6);
    const customer = await t.customer(`Alice Lastname${tag}`);
    const mechanic = await t.mechanic();
    const { session, assignmentId } = await queuedSession(customer);
    const accepted = await mechanic.client.mechanic.accept.mutate({ assignmentId });
    expect(accepted).toMatchObject({ id: session.id, status: 'waiting', customerFirstName: 'Alice' });
    const active = await mechanic.client.mechanic.activeSession.query();
    expect(active).toMatchObject({ id: session.id, customerFirstName: 'Alice' });
    const one = await mechanic.client.mechanic.session.query({ sessionId: session.id });
    expect(one).toMatchObject({ id: session.id, customerFirstName: 'Alice' });
    for (const view of [accepted, active, one]) {
      const json = JSON.stringify(view);
      for (const secret of [customer.userId, customer.email, `Lastname${tag}`])
        expect(json).not.toContain(secret);
    }
    // Customers' own views stay as they were.
    const own = await customer.client.customer.session.query({ sessionId: session.id });
    expect(own).not.toHaveProperty('customerFirstName');
    expect(await customer.client.customer.activeSession.query()).not.toHaveProperty('customerFirstName');
  });
});

describe('mechanic.history', () => {
  it('lists the sessions this mechanic accepted, newest first, a page at a time', async () => {
    const mechanic = await t.mechanic();
    const other = await t.mechanic();
    const oldest = await ranBy(mechanic, 30);
    const middle = await ranBy(mechanic, 20);
    const othersSession = await ranBy(other, 25);
    const { session: current, assignmentId } = await queuedSession();
    await mechanic.client.mechanic.accept.mutate({ assignmentId });

    const first = await mechanic.client.mechanic.history.query({ limit: 2 });
    expect(first.items.map((s) => s.id)).toEqual([current.id, middle]);
    expect(first.items[1]).toMatchObject({ status: 'ended', mechanic: { name: 'Test Mechanic' } });
    const second = await mechanic.client.mechanic.history.query({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((s) => s.id)).toEqual([oldest]);
    expect(second.nextCursor).toBeNull();
    const all = await mechanic.client.mechanic.history.query({});
    expect(all.items.map((s) => s.id)).toEqual([current.id, middle, oldest]);
    expect(all.items.map((s) => s.id)).not.toContain(othersSession);
    expect((await other.client.mechanic.history.query({})).items.map((s) => s.id)).toEqual([othersSession]);
    expect(await (await t.mechanic()).client.mechanic.history.query({})).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('refuses a bad cursor or limit with BAD_REQUEST, anonymous and customers as ever', async () => {
    const mechanic = await t.mechanic();
    const customer = await t.customer();
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(mechanic.client.mechanic.history.query({ cursor: 'not-a-cursor' }), 'BAD_REQUEST', {
      appCode: 'INVALID_SESSION_INPUT',
    });
    await expectTRPCError(mechanic.client.mechanic.history.query({ limit: 51 }), 'BAD_REQUEST');
    await expectTRPCError(mechanic.client.mechanic.history.query({ limit: 0 }), 'BAD_REQUEST');
    await expectTRPCError(t.anonymous.mechanic.history.query({}), 'UNAUTHORIZED');
    await expectTRPCError(customer.client.mechanic.history.query({}), 'FORBIDDEN');
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });
});

describe('mechanic.upcoming', () => {
  it('lists scheduled sessions soonest first, without who booked them', async () => {
    const mechanic = await t.mechanic();
    const later = await queuedSession(undefined, { scheduledFor: new Date(Date.now() + 2 * 3600_000) });
    const sooner = await queuedSession(undefined, { scheduledFor: new Date(Date.now() + 3600_000) });
    const now = await queuedSession();
    const { entries } = await mechanic.client.mechanic.upcoming.query();
    const ids = entries.map((e) => e.sessionId);
    expect(ids.indexOf(sooner.session.id)).toBeLessThan(ids.indexOf(later.session.id));
    expect(ids.indexOf(sooner.session.id)).toBeGreaterThanOrEqual(0);
    expect(ids).not.toContain(now.session.id);
    expect(entries.find((e) => e.sessionId === sooner.session.id)).toEqual({
      assignmentId: sooner.assignmentId,
      sessionId: sooner.session.id,
      sessionType: 'free',
      vehicle: { year: 2017, make: 'Honda', model: 'Civic', vin: null },
      concern: intake().concern,
      scheduledFor: sooner.session.scheduledFor,
    });
    const json = JSON.stringify(entries);
    for (const who of [later.customer, sooner.customer]) {
      expect(json).not.toContain(who.userId);
      expect(json).not.toContain(who.email);
    }
  });

  it('is for mechanics only', async () => {
    await expectTRPCError(t.anonymous.mechanic.upcoming.query(), 'UNAUTHORIZED');
    await expectTRPCError((await t.customer()).client.mechanic.upcoming.query(), 'FORBIDDEN');
  });
});
