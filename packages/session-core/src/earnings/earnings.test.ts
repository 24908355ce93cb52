import { creditPurchases, mechanicEarnings, sessions, stripeRefunds, type Database } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import {
  attachCreditPurchaseCheckout,
  completeCreditPurchase,
  startCreditPurchase,
} from '../credit-purchases.ts';
import { debitCredits, getCreditBalance, grantCredits } from '../credits.ts';
import { IllegalTransitionError, InvalidSessionInputError, MechanicNotFoundError } from '../errors.ts';
import { BPS_PER_WHOLE } from '../rules/money.ts';
import type { CreditPackId } from '../rules/pricing.ts';
import { createCustomer, createMechanic, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from '../transitions/accept-assignment.ts';
import { cancelSession } from '../transitions/cancel-session.ts';
import { endSession } from '../transitions/end-session.ts';
import { startSession } from '../transitions/start-session.ts';
import { recordPayout } from './payouts.ts';
import { earningsCsv, getEarningsSummary, listEarningLines } from './reads.ts';

const database = useTestDatabase({ max: 20 });

/** A pack bought the way the app buys it (start, checkout, webhook completion). */
async function buyPack(customerUserId: string, packId: CreditPackId) {
  const purchase = await startCreditPurchase(database.db, { customerUserId, packId });
  const stripeCheckoutSessionId = `cs_test_${randomUUID()}`;
  await attachCreditPurchaseCheckout(database.db, { creditPurchaseId: purchase.id, stripeCheckoutSessionId });
  const done = await completeCreditPurchase(database.db, {
    creditPurchaseId: purchase.id,
    stripeCheckoutSessionId,
    paid: { amountCents: purchase.amountCents, currency: purchase.currency },
  });
  expect(done.outcome).toBe('credited');
  return purchase.id;
}

/** A pack of any price and size, completed, with its credits on the balance. */
async function arbitraryPack(customerUserId: string, pack: { amountCents: number; credits: number }) {
  const [row] = await database.db
    .insert(creditPurchases)
    .values({
      customerUserId,
      packId: 'custom',
      credits: pack.credits,
      amountCents: pack.amountCents,
      currency: 'usd',
      status: 'completed',
      completedAt: sql`now()`,
      creditsLeft: pack.credits,
    })
    .returning({ id: creditPurchases.id });
  await grantCredits(database.db, customerUserId, pack.credits);
  return row!.id;
}

async function packLeft(purchaseId: string): Promise<number> {
  const [row] = await database.db
    .select({ left: creditPurchases.creditsLeft })
    .from(creditPurchases)
    .where(eq(creditPurchases.id, purchaseId));
  return row!.left;
}

async function sessionPack(sessionId: string): Promise<string | null> {
  const [row] = await database.db
    .select({ pack: sessions.creditPurchaseId })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return row!.pack;
}

/** A session of `type` for `customer`, accepted by `mechanic` and live. */
async function liveSession(
  db: Database,
  type: 'free' | 'credit' | 'paid',
  customer: string,
  mechanic: string,
) {
  const { session, assignment } = await createSessionRecord(db, sessionInput(type, customer));
  await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
  await startSession(db, { sessionId: session.id, actorUserId: mechanic });
  return session;
}

async function referralLines(sessionId: string) {
  return database.db.select().from(mechanicEarnings).where(eq(mechanicEarnings.sessionId, sessionId));
}

async function lineSum(mechanicUserId: string): Promise<number> {
  const [row] = await database.db
    .select({ sum: sql<number>`coalesce(sum(${mechanicEarnings.amountCents}), 0)::int` })
    .from(mechanicEarnings)
    .where(eq(mechanicEarnings.mechanicUserId, mechanicUserId));
  return row!.sum;
}

/** The reference: amount × credits × rate / (pack credits × 10,000), half-even, in exact BigInt arithmetic. */
function referenceFee(packAmountCents: number, packCredits: number, credits: number): number {
  const numerator = BigInt(packAmountCents) * BigInt(credits) * 200n;
  const denominator = BigInt(packCredits) * BigInt(BPS_PER_WHOLE);
  const quotient = numerator / denominator;
  const twice = 2n * (numerator - quotient * denominator);
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return Number(quotient + 1n);
  return Number(quotient);
}

describe('credit packs → debits', () => {
  it('a completed purchase has all its credits left; debits take the oldest pack first, then granted credits', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    const first = await buyPack(customer, 'credits_3');
    const second = await buyPack(customer, 'credits_5');
    await grantCredits(db, customer, 1);
    expect([await packLeft(first), await packLeft(second)]).toEqual([3, 5]);

    const taken: (string | null)[] = [];
    for (let i = 0; i < 9; i++) {
      const { session, assignment } = await createSessionRecord(db, sessionInput('credit', customer));
      taken.push(await sessionPack(session.id));
      // Called off after a mechanic accepted it: the credit stays spent, and the next session may start.
      await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
      expect(
        (await cancelSession(db, { sessionId: session.id, actorUserId: customer })).creditsRefunded,
      ).toBe(0);
    }
    expect(taken).toEqual([first, first, first, second, second, second, second, second, null]);
    expect([await packLeft(first), await packLeft(second)]).toEqual([0, 0]);
    expect(await getCreditBalance(db, customer)).toBe(0);
  });

  it('a pending purchase gives no credits; a pack completed again keeps what was spent', async () => {
    const { db } = database;
    const customer = await createCustomer(db, 1);
    const pending = await startCreditPurchase(db, { customerUserId: customer, packId: 'credits_3' });
    const { session } = await createSessionRecord(db, sessionInput('credit', customer));
    expect(await sessionPack(session.id)).toBeNull();
    expect(await packLeft(pending.id)).toBe(0);
    await cancelSession(db, { sessionId: session.id, actorUserId: customer });

    const stripeCheckoutSessionId = `cs_test_${randomUUID()}`;
    const completion = {
      creditPurchaseId: pending.id,
      stripeCheckoutSessionId,
      paid: { amountCents: pending.amountCents, currency: 'usd' },
    };
    expect((await completeCreditPurchase(db, completion)).outcome).toBe('credited');
    const spent = await createSessionRecord(db, sessionInput('credit', customer));
    expect(await sessionPack(spent.session.id)).toBe(pending.id);
    // Stripe redelivers the webhook: the pack is not refilled.
    expect((await completeCreditPurchase(db, completion)).outcome).toBe('already_credited');
    expect(await packLeft(pending.id)).toBe(2);
  });

  it('never spends one pack credit twice under concurrent debits', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    // One credit in a pack and one granted: two debits at once take one each, never the pack's twice.
    const pack = await arbitraryPack(customer, { amountCents: 2500, credits: 1 });
    await grantCredits(db, customer, 1);
    const sessionIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { session } = await createSessionRecord(db, sessionInput(i === 0 ? 'free' : 'paid', customer));
      await cancelSession(db, { sessionId: session.id, actorUserId: customer });
      sessionIds.push(session.id);
    }
    const results = await Promise.allSettled(
      sessionIds.map((sessionId) => database.sql.begin((tx) => debitCredits(tx, customer, 1, sessionId))),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await packLeft(pack)).toBe(0);
    const named = await Promise.all(sessionIds.map(sessionPack));
    expect(named.filter((id) => id === pack)).toHaveLength(1);
    expect(named.filter((id) => id === null)).toHaveLength(1);
  });
});

describe('the referral fee on live → ended', () => {
  it('a card session: 2 % of the amount charged, written with the end, once', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    const session = await liveSession(db, 'paid', customer, mechanic);
    await endSession(db, { sessionId: session.id, actorUserId: mechanic });
    const lines = await referralLines(session.id);
    expect(lines).toEqual([
      expect.objectContaining({
        mechanicUserId: mechanic,
        kind: 'referral_fee',
        amountCents: 58, // 2 % of $29.00
        basisCents: 2900,
        rateBps: 200,
        currency: 'usd',
      }),
    ]);
    // Retried: refused as a transition, and still one line.
    await expect(endSession(db, { sessionId: session.id, actorUserId: mechanic })).rejects.toBeInstanceOf(
      IllegalTransitionError,
    );
    expect(await referralLines(session.id)).toHaveLength(1);
  });

  it('the customer and the mechanic ending at once: one end, one line', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    const session = await liveSession(db, 'paid', customer, mechanic);
    const results = await Promise.allSettled([
      endSession(db, { sessionId: session.id, actorUserId: mechanic }),
      endSession(db, { sessionId: session.id, actorUserId: customer }),
      endSession(db, { sessionId: session.id, actorUserId: mechanic }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await referralLines(session.id)).toHaveLength(1);
    expect(await lineSum(mechanic)).toBe(58);
  });

  it('a credit from a pack: 2 % of what the credit cost in that pack, rounded once', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    const pack = await buyPack(customer, 'credits_10'); // $219.00 for 10: a credit is worth $21.90
    const session = await liveSession(db, 'credit', customer, mechanic);
    expect(await sessionPack(session.id)).toBe(pack);
    await endSession(db, { sessionId: session.id, actorUserId: customer });
    expect(await referralLines(session.id)).toEqual([
      expect.objectContaining({ amountCents: 44, basisCents: 2190, rateBps: 200 }), // 43.8 → 44
    ]);
  });

  it('free, a granted credit and a refunded session owe nothing and write no line', async () => {
    const { db } = database;
    const mechanic = await createMechanic(db);
    const free = await liveSession(db, 'free', await createCustomer(db), mechanic);
    await endSession(db, { sessionId: free.id, actorUserId: mechanic });
    const granted = await liveSession(db, 'credit', await createCustomer(db, 1), mechanic);
    expect(await sessionPack(granted.id)).toBeNull();
    await endSession(db, { sessionId: granted.id, actorUserId: mechanic });
    const refunded = await liveSession(db, 'paid', await createCustomer(db), mechanic);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, refunded.id));
    await db.insert(stripeRefunds).values({
      stripeCheckoutSessionId: row!.stripeCheckoutSessionId!,
      sessionId: refunded.id,
      reason: 'session_cancelled',
    });
    await endSession(db, { sessionId: refunded.id, actorUserId: mechanic });
    for (const session of [free, granted, refunded]) expect(await referralLines(session.id)).toEqual([]);
    expect(await lineSum(mechanic)).toBe(0);
  });

  it('a refunded credit goes back to its pack and is spent again at the same worth', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    const pack = await buyPack(customer, 'credits_5'); // $119.00 for 5: $23.80 a credit
    await grantCredits(db, customer, 2); // granted credits must not be taken before the pack's
    const cancelled = await createSessionRecord(db, sessionInput('credit', customer));
    expect(await sessionPack(cancelled.session.id)).toBe(pack);
    expect(await packLeft(pack)).toBe(4);
    const refund = await cancelSession(db, { sessionId: cancelled.session.id, actorUserId: customer });
    expect(refund.creditsRefunded).toBe(1);
    expect(await packLeft(pack)).toBe(5);
    expect(await getCreditBalance(db, customer)).toBe(7);

    const session = await liveSession(db, 'credit', customer, mechanic);
    expect(await sessionPack(session.id)).toBe(pack);
    await endSession(db, { sessionId: session.id, actorUserId: mechanic });
    expect(await referralLines(session.id)).toEqual([
      expect.objectContaining({ amountCents: 48, basisCents: 2380 }), // 47.6 → 48
    ]);
  });

  it('a credit session’s fee equals the reference computation for any pack', async () => {
    const { db } = database;
    const mechanic = await createMechanic(db);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        async (amountCents, credits) => {
          const customer = await createCustomer(db);
          const pack = await arbitraryPack(customer, { amountCents, credits });
          const session = await liveSession(db, 'credit', customer, mechanic);
          expect(await sessionPack(session.id)).toBe(pack);
          await endSession(db, { sessionId: session.id, actorUserId: mechanic });
          const expected = referenceFee(amountCents, credits, 1);
          const lines = await referralLines(session.id);
          if (expected === 0) expect(lines).toEqual([]);
          else expect(lines.map((line) => line.amountCents)).toEqual([expected]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('payouts', () => {
  it('a payout is a negative line; the balance is the sum of the lines', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    await endSession(db, {
      sessionId: (await liveSession(db, 'paid', customer, mechanic)).id,
      actorUserId: mechanic,
    });
    const payout = await recordPayout(db, {
      mechanicUserId: mechanic,
      amountCents: 50,
      reference: ' TR-1 ',
      recordedBy: 'cli:test',
    });
    expect(payout).toMatchObject({ amountCents: -50, reference: 'TR-1', currency: 'usd' });
    const summary = await getEarningsSummary(db, mechanic, 'UTC');
    expect(summary).toMatchObject({
      balanceCents: 8,
      thisMonthCents: 58,
      ratingAverage: null,
      ratingCount: 0,
    });
    const page = await listEarningLines(db, mechanic, { limit: 10 });
    expect(page.items.map((line) => [line.kind, line.amountCents, line.label])).toEqual([
      ['payout', -50, 'Payout TR-1'],
      ['referral_fee', 58, '2017 Toyota Corolla'],
    ]);
  });

  it('refuses a bad amount or reference, or a user who is not a mechanic, and writes nothing', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    for (const amountCents of [0, -1, 1.5, Number.NaN, 100_000_001]) {
      await expect(
        recordPayout(db, { mechanicUserId: mechanic, amountCents, reference: 'R', recordedBy: 't' }),
      ).rejects.toBeInstanceOf(InvalidSessionInputError);
    }
    for (const reference of ['', '   ', 'x'.repeat(201)]) {
      await expect(
        recordPayout(db, { mechanicUserId: mechanic, amountCents: 1, reference, recordedBy: 't' }),
      ).rejects.toBeInstanceOf(InvalidSessionInputError);
    }
    for (const mechanicUserId of [customer, 'nobody']) {
      await expect(
        recordPayout(db, { mechanicUserId, amountCents: 1, reference: 'R', recordedBy: 't' }),
      ).rejects.toBeInstanceOf(MechanicNotFoundError);
    }
    expect(await lineSum(mechanic)).toBe(0);
    expect(await lineSum(customer)).toBe(0);
  });
});

describe('earnings reads', () => {
  /** The instant a calendar month starts in a fixed-offset zone (`offsetMinutes` east of UTC). */
  function monthStart(offsetMinutes: number, monthsBack: number): Date {
    const local = new Date(Date.now() + offsetMinutes * 60_000);
    return new Date(
      Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - monthsBack, 1) - offsetMinutes * 60_000,
    );
  }

  async function payoutAt(mechanicUserId: string, amountCents: number, at: Date) {
    // A payout line with an earnings line of the same worth beside it, at `at` (inserted as written).
    await database.db.insert(mechanicEarnings).values([
      {
        mechanicUserId,
        kind: 'payout',
        amountCents: -amountCents,
        currency: 'usd',
        reference: 'p',
        createdAt: at,
      },
    ]);
  }

  async function bonusAt(mechanicUserId: string, amountCents: number, at: Date) {
    const customer = await createCustomer(database.db);
    const session = await liveSession(database.db, 'free', customer, mechanicUserId);
    await endSession(database.db, { sessionId: session.id, actorUserId: mechanicUserId });
    await database.db.insert(mechanicEarnings).values({
      mechanicUserId,
      kind: 'referral_fee',
      amountCents,
      currency: 'usd',
      sessionId: session.id,
      basisCents: amountCents * 50,
      rateBps: 200,
      createdAt: at,
    });
  }

  it('counts this month and last in the caller’s time zone, payouts in the balance only', async () => {
    const { db } = database;
    const mechanic = await createMechanic(db);
    const kolkata = 330; // Asia/Kolkata, UTC+05:30 all year
    const minute = 60_000;
    await bonusAt(mechanic, 100, new Date(monthStart(kolkata, 0).getTime() + minute)); // this month in Kolkata
    await bonusAt(mechanic, 20, new Date(monthStart(kolkata, 0).getTime() - minute)); // last month there
    await bonusAt(mechanic, 3, new Date(monthStart(kolkata, 1).getTime() - minute)); // the month before
    await payoutAt(mechanic, 10, new Date(monthStart(kolkata, 0).getTime() + 2 * minute));

    expect(await getEarningsSummary(db, mechanic, 'Asia/Kolkata')).toMatchObject({
      balanceCents: 113,
      thisMonthCents: 100,
      lastMonthCents: 20,
    });
    // At UTC−10 the first two fall in the same (previous) month: Kolkata's month starts at 08:30 the day before there.
    expect(await getEarningsSummary(db, mechanic, 'Pacific/Honolulu')).toMatchObject({
      balanceCents: 113,
      thisMonthCents: 0,
      lastMonthCents: 120,
    });
  });

  it('refuses a time zone that is not one', async () => {
    const mechanic = await createMechanic(database.db);
    for (const timeZone of ['Mars/Olympus', '', "UTC'; DROP TABLE x; --", '+05:30']) {
      await expect(getEarningsSummary(database.db, mechanic, timeZone)).rejects.toBeInstanceOf(
        InvalidSessionInputError,
      );
    }
  });

  it('pages lines newest first and the CSV sums to the balance, for any payouts', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    await buyPack(customer, 'credits_3');
    const credit = await liveSession(db, 'credit', customer, mechanic);
    await endSession(db, { sessionId: credit.id, actorUserId: mechanic });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 4 }), async (payouts) => {
        for (const [i, amountCents] of payouts.entries()) {
          await recordPayout(db, {
            mechanicUserId: mechanic,
            amountCents,
            reference: `R,"${i}"`,
            recordedBy: 't',
          });
        }
        const summary = await getEarningsSummary(db, mechanic, 'UTC');
        expect(summary.balanceCents).toBe(await lineSum(mechanic));
        const { csv, balanceCents, lineCount } = await earningsCsv(db, mechanic);
        expect(balanceCents).toBe(summary.balanceCents);
        const rows = csv.trimEnd().split('\r\n');
        expect(rows[0]).toBe(
          'date,kind,description,session_id,quote_id,basis_cents,rate_bps,amount_cents,amount_usd',
        );
        expect(rows).toHaveLength(lineCount + 1);
        // amount_cents is the 8th column; a quoted description holds no unescaped newline.
        const amounts = rows.slice(1).map((row) => Number(row.split(',').at(-2)));
        expect(amounts.reduce((sum, cents) => sum + cents, 0)).toBe(summary.balanceCents);

        const seen: number[] = [];
        let cursor: string | null | undefined;
        do {
          const page = await listEarningLines(db, mechanic, { limit: 2, cursor });
          seen.push(...page.items.map((line) => line.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toHaveLength(lineCount);
        expect([...seen].sort((a, b) => b - a)).toEqual(seen);
      }),
      { numRuns: 8 },
    );
  });

  it('refuses a cursor it did not return', async () => {
    const mechanic = await createMechanic(database.db);
    await expect(
      listEarningLines(database.db, mechanic, { limit: 5, cursor: 'nope' }),
    ).rejects.toBeInstanceOf(InvalidSessionInputError);
  });
});
