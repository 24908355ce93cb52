import { mechanicEarnings, sessionAssignments, sessionRatings } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import { recordPayout } from '@autodoctor/session-core';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../../testing/accounts.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake, summary } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';
import { waitFor } from '../../testing/wait-for.ts';

const t = useTestApi();

async function start(customer: TestUser, type: 'free' | 'credit' = 'free') {
  const result = await customer.client.intake.startSession.mutate(intake({ type }));
  if (result.kind !== 'session') throw new Error('expected a session');
  return result.session.id;
}

async function accept(mechanic: TestUser, sessionId: string) {
  const [assignment] = await t.database.db
    .select()
    .from(sessionAssignments)
    .where(eq(sessionAssignments.sessionId, sessionId));
  await mechanic.client.mechanic.accept.mutate({ assignmentId: assignment!.id });
}

/** A session of `customer` that `mechanic` accepted, ran and ended. */
async function ran(customer: TestUser, mechanic: TestUser, type: 'free' | 'credit' = 'free') {
  const sessionId = await start(customer, type);
  await accept(mechanic, sessionId);
  await mechanic.client.mechanic.startSession.mutate({ sessionId });
  await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: summary() });
  return sessionId;
}

/** Buys a 3-credit pack ($75.00: $25.00 a credit) through Stripe Checkout (the emulator). */
async function buyThreeCredits(customer: TestUser) {
  const checkout = await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' });
  await t.emulator.pay(checkout.checkoutSessionId);
  await waitFor(async () => {
    const purchase = await customer.client.customer.creditPurchase.query(checkout);
    return purchase.status === 'completed' || undefined;
  }, 'the pack credited');
}

describe('mechanic earnings', () => {
  it('a session paid with a bought credit earns its mechanic 2 % of the credit’s price; a payout takes it back', async () => {
    const [customer, mechanic] = await Promise.all([t.customer(), t.mechanic()]);
    await buyThreeCredits(customer);
    const sessionId = await ran(customer, mechanic, 'credit');
    await recordPayout(t.database.db, {
      mechanicUserId: mechanic.userId,
      amountCents: 30,
      reference: 'TR-0001',
      recordedBy: 'test',
    });

    const lines = await mechanic.client.mechanic.earningLines.query({});
    expect(lines.nextCursor).toBeNull();
    expect(lines.items).toMatchObject([
      { kind: 'payout', amountCents: -30, reference: 'TR-0001', label: 'Payout TR-0001', sessionId: null },
      {
        kind: 'referral_fee',
        amountCents: 50,
        basisCents: 2500,
        rateBps: 200,
        sessionId,
        quoteId: null,
        quoteVersion: null,
        label: '2017 Honda Civic',
      },
    ]);
    expect(lines.items[0]!.createdAt).toBeInstanceOf(Date);

    expect(await mechanic.client.mechanic.earnings.query({ timeZone: 'America/New_York' })).toEqual({
      currency: 'usd',
      balanceCents: 20,
      thisMonthCents: 50,
      lastMonthCents: 0,
      ratingAverage: null,
      ratingCount: 0,
    });

    const { filename, csv } = await mechanic.client.mechanic.earningsCsv.query();
    expect(filename).toMatch(/^autodoctor-earnings-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'date,kind,description,session_id,quote_id,basis_cents,rate_bps,amount_cents,amount_usd',
    );
    expect(rows.slice(1).map((row) => row.split(',').slice(1, 3))).toEqual([
      ['referral_fee', '2017 Honda Civic'],
      ['payout', 'Payout TR-0001'],
    ]);
    const sum = rows.slice(1).reduce((total, row) => total + Number(row.split(',')[7]), 0);
    expect(sum).toBe(20);

    // Another mechanic sees none of it.
    const other = await t.mechanic();
    expect(await other.client.mechanic.earningLines.query({})).toEqual({ items: [], nextCursor: null });
    expect(await other.client.mechanic.earnings.query({ timeZone: 'UTC' })).toMatchObject({
      balanceCents: 0,
    });
  });

  it('a free session earns nothing and writes no line', async () => {
    const [customer, mechanic] = await Promise.all([t.customer(), t.mechanic()]);
    await ran(customer, mechanic);
    expect(
      await t.database.db
        .select()
        .from(mechanicEarnings)
        .where(eq(mechanicEarnings.mechanicUserId, mechanic.userId)),
    ).toEqual([]);
  });

  it('refuses a time zone that is not one, a cursor it did not return, and a customer', async () => {
    const [customer, mechanic] = await Promise.all([t.customer(), t.mechanic()]);
    for (const timeZone of ['Mars/Olympus', '', 'x'.repeat(65)]) {
      await expectTRPCError(mechanic.client.mechanic.earnings.query({ timeZone }), 'BAD_REQUEST');
    }
    await expectTRPCError(mechanic.client.mechanic.earningLines.query({ cursor: 'bm9wZQ' }), 'BAD_REQUEST');
    await expectTRPCError(mechanic.client.mechanic.ratings.query({ cursor: 'bm9wZQ' }), 'BAD_REQUEST');
    await expectTRPCError(customer.client.mechanic.earningsCsv.query(), 'FORBIDDEN');
  });
});

describe('ratings', () => {
  it('the customer rates an ended session, changes it, and sees it in history; the mechanic sees it with the average', async () => {
    const [customer, mechanic] = await Promise.all([t.customer(), t.mechanic()]);
    const sessionId = await ran(customer, mechanic);
    const before = await customer.client.customer.session.query({ sessionId });
    expect(before.rating).toBeNull();

    const first = await customer.client.customer.rateSession.mutate({ sessionId, stars: 4 });
    expect(first).toMatchObject({
      sessionId,
      stars: 4,
      comment: '',
      vehicle: { year: 2017, make: 'Honda', model: 'Civic' },
    });
    const changed = await customer.client.customer.rateSession.mutate({
      sessionId,
      stars: 5,
      comment: 'Found it in ten minutes',
    });
    expect(changed.createdAt).toEqual(first.createdAt);
    expect(changed.changeableUntil.getTime() - changed.createdAt.getTime()).toBe(7 * 86_400_000);

    const rating = {
      stars: 5,
      comment: 'Found it in ten minutes',
      createdAt: first.createdAt,
      changeableUntil: first.changeableUntil,
    };
    expect((await customer.client.customer.session.query({ sessionId })).rating).toEqual(rating);
    const history = await customer.client.customer.history.query({});
    expect(history.items.map((item) => [item.id, item.rating])).toEqual([[sessionId, rating]]);

    const ratings = await mechanic.client.mechanic.ratings.query({});
    expect(ratings.items).toEqual([
      expect.objectContaining({ sessionId, stars: 5, comment: 'Found it in ten minutes' }),
    ]);
    expect(JSON.stringify(ratings)).not.toContain(customer.email);
    expect(JSON.stringify(ratings)).not.toContain(customer.userId);
    expect(await mechanic.client.mechanic.earnings.query({ timeZone: 'UTC' })).toMatchObject({
      ratingAverage: 5,
      ratingCount: 1,
    });
  });

  it('refuses what may not be rated, with a typed error, and writes nothing', async () => {
    const [customer, other, mechanic] = await Promise.all([t.customer(), t.customer(), t.mechanic()]);
    const ended = await ran(customer, mechanic);
    const pending = await start(other); // in the queue: no mechanic took it
    const snapshot = await dbSnapshot(t.database.db);
    const notAllowed = { appCode: 'RATING_NOT_ALLOWED' };

    // Another customer's session.
    await expectTRPCError(
      other.client.customer.rateSession.mutate({ sessionId: ended, stars: 5 }),
      'FORBIDDEN',
      notAllowed,
    );
    // A session no mechanic took, one that does not exist.
    await expectTRPCError(
      other.client.customer.rateSession.mutate({ sessionId: pending, stars: 5 }),
      'FORBIDDEN',
      notAllowed,
    );
    const unknown = '5b0c3c1e-8a2f-4c3e-9d7a-1f2e3d4c5b6a';
    await expectTRPCError(
      other.client.customer.rateSession.mutate({ sessionId: unknown, stars: 5 }),
      'FORBIDDEN',
      notAllowed,
    );
    // Stars out of 1..5, a comment too long, a mechanic calling.
    for (const stars of [0, 6, 4.5]) {
      await expectTRPCError(
        customer.client.customer.rateSession.mutate({ sessionId: ended, stars }),
        'BAD_REQUEST',
      );
    }
    await expectTRPCError(
      customer.client.customer.rateSession.mutate({ sessionId: ended, stars: 3, comment: 'x'.repeat(1001) }),
      'BAD_REQUEST',
    );
    await expectTRPCError(
      mechanic.client.customer.rateSession.mutate({ sessionId: ended, stars: 3 }),
      'FORBIDDEN',
    );
    expect(await dbSnapshot(t.database.db)).toEqual(snapshot);

    // Taken and live, not ended yet.
    const otherMechanic = await t.mechanic();
    await accept(otherMechanic, pending);
    await otherMechanic.client.mechanic.startSession.mutate({ sessionId: pending });
    await expectTRPCError(
      other.client.customer.rateSession.mutate({ sessionId: pending, stars: 5 }),
      'FORBIDDEN',
      notAllowed,
    );
  });

  it('locks a rating 7 days after it was given', async () => {
    const [customer, mechanic] = await Promise.all([t.customer(), t.mechanic()]);
    const sessionId = await ran(customer, mechanic);
    await customer.client.customer.rateSession.mutate({ sessionId, stars: 2, comment: 'slow' });
    await t.database.db
      .update(sessionRatings)
      .set({ createdAt: sql`now() - interval '7 days 1 minute'` })
      .where(eq(sessionRatings.sessionId, sessionId));
    await expectTRPCError(customer.client.customer.rateSession.mutate({ sessionId, stars: 5 }), 'CONFLICT', {
      appCode: 'RATING_LOCKED',
    });
    const [kept] = await t.database.db
      .select()
      .from(sessionRatings)
      .where(eq(sessionRatings.sessionId, sessionId));
    expect(kept).toMatchObject({ stars: 2, comment: 'slow' });
  });
});
