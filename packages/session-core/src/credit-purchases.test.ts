import { creditLedger, creditPurchases } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  attachCreditPurchaseCheckout,
  completeCreditPurchase,
  getCreditPurchase,
  listCreditLedger,
  startCreditPurchase,
} from './credit-purchases.ts';
import { createSessionRecord } from './create-session-record.ts';
import { getCreditBalance, grantCredits } from './credits.ts';
import { CreditPurchaseNotFoundError, InvalidSessionInputError } from './errors.ts';
import { CREDIT_PACKS, creditPackIdSchema } from './rules/pricing.ts';
import { createCustomer, sessionInput } from './test-fixtures.ts';
import { cancelSession } from './transitions/cancel-session.ts';

const database = useTestDatabase();

async function pendingPurchase(customerUserId: string, packId: 'credits_3' | 'credits_5' | 'credits_10') {
  const purchase = await startCreditPurchase(database.db, { customerUserId, packId });
  const checkoutId = `cs_test_${randomUUID()}`;
  await attachCreditPurchaseCheckout(database.db, {
    creditPurchaseId: purchase.id,
    stripeCheckoutSessionId: checkoutId,
  });
  return { purchase, checkoutId };
}

describe('credit packs', () => {
  it('are priced in one place', () => {
    expect(CREDIT_PACKS).toEqual([
      { id: 'credits_3', credits: 3, amountCents: 7500, currency: 'usd' },
      { id: 'credits_5', credits: 5, amountCents: 11900, currency: 'usd' },
      { id: 'credits_10', credits: 10, amountCents: 21900, currency: 'usd' },
    ]);
    expect(creditPackIdSchema.options).toEqual(['credits_3', 'credits_5', 'credits_10']);
    expect(creditPackIdSchema.safeParse('credits_4').success).toBe(false);
  });

  it('refuses an unknown pack', async () => {
    const customer = await createCustomer(database.db);
    await expect(
      startCreditPurchase(database.db, { customerUserId: customer, packId: 'credits_4' as 'credits_3' }),
    ).rejects.toBeInstanceOf(InvalidSessionInputError);
  });
});

/** What Stripe reports as paid for a purchase at its price. */
const paidFor = (purchase: { amountCents: number; currency: string }) => ({
  amountCents: purchase.amountCents,
  currency: purchase.currency,
});

describe('completeCreditPurchase', () => {
  it('credits the pack once, however often and concurrently it is called', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const { purchase, checkoutId } = await pendingPurchase(customer, 'credits_5');
    expect(await getCreditPurchase(db, customer, checkoutId)).toEqual({
      status: 'pending',
      packId: 'credits_5',
      credits: 5,
    });
    const input = {
      creditPurchaseId: purchase.id,
      stripeCheckoutSessionId: checkoutId,
      paid: paidFor(purchase),
    };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => completeCreditPurchase(db, input)));
    expect(outcomes.filter((o) => o.outcome === 'credited')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'already_credited')).toHaveLength(19);
    expect((await completeCreditPurchase(db, input)).outcome).toBe('already_credited');

    expect(await getCreditBalance(db, customer)).toBe(5);
    const ledger = await db.select().from(creditLedger).where(eq(creditLedger.customerUserId, customer));
    expect(ledger).toMatchObject([{ delta: 5, reason: 'purchase', creditPurchaseId: purchase.id }]);
    expect(await getCreditPurchase(db, customer, checkoutId)).toMatchObject({ status: 'completed' });
  });

  it('completes nothing for an unknown id, a non-id or another checkout', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const { purchase } = await pendingPurchase(customer, 'credits_3');
    for (const input of [
      { creditPurchaseId: randomUUID(), stripeCheckoutSessionId: 'cs_test_x' },
      { creditPurchaseId: 'not-a-uuid', stripeCheckoutSessionId: 'cs_test_x' },
      { creditPurchaseId: purchase.id, stripeCheckoutSessionId: 'cs_test_someone_else' },
    ]) {
      expect(await completeCreditPurchase(db, { ...input, paid: paidFor(purchase) })).toEqual({
        outcome: 'unknown',
      });
    }
    expect(await getCreditBalance(db, customer)).toBe(0);
    const [row] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, purchase.id));
    expect(row?.status).toBe('pending');
  });

  it('credits nothing for a checkout paid with another amount or currency than the pack', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const { purchase, checkoutId } = await pendingPurchase(customer, 'credits_5');
    const input = { creditPurchaseId: purchase.id, stripeCheckoutSessionId: checkoutId };
    for (const paid of [
      { amountCents: 100, currency: 'usd' },
      { amountCents: purchase.amountCents + 1, currency: 'usd' },
      { amountCents: purchase.amountCents, currency: 'eur' },
    ]) {
      const completion = await completeCreditPurchase(db, { ...input, paid });
      expect(completion.outcome).toBe('amount_mismatch');
      expect(completion).toMatchObject({ purchase: { id: purchase.id, status: 'pending' } });
    }
    expect(await getCreditBalance(db, customer)).toBe(0);
    expect(await db.select().from(creditLedger).where(eq(creditLedger.customerUserId, customer))).toEqual([]);
    // Stripe reports currencies in lower case; the pack's own, in any case, is the same currency.
    const paid = { amountCents: purchase.amountCents, currency: 'USD' };
    expect((await completeCreditPurchase(db, { ...input, paid })).outcome).toBe('credited');
  });

  it('keeps the ledger the sum of the balance, a purchase once per pack (constraint)', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const { purchase, checkoutId } = await pendingPurchase(customer, 'credits_3');
    await completeCreditPurchase(db, {
      creditPurchaseId: purchase.id,
      stripeCheckoutSessionId: checkoutId,
      paid: paidFor(purchase),
    });
    await expect(
      db.insert(creditLedger).values({
        customerUserId: customer,
        delta: 3,
        reason: 'purchase',
        creditPurchaseId: purchase.id,
      }),
    ).rejects.toThrow();
    const [sum] = await db
      .select({ total: sql<number>`sum(${creditLedger.delta})::int` })
      .from(creditLedger)
      .where(eq(creditLedger.customerUserId, customer));
    expect(sum?.total).toBe(await getCreditBalance(db, customer));
  });
});

describe('getCreditPurchase', () => {
  it("answers CreditPurchaseNotFoundError for somebody else's or an unknown checkout", async () => {
    const { db } = database;
    const owner = await createCustomer(db);
    const other = await createCustomer(db);
    const { checkoutId } = await pendingPurchase(owner, 'credits_3');
    await expect(getCreditPurchase(db, other, checkoutId)).rejects.toBeInstanceOf(
      CreditPurchaseNotFoundError,
    );
    await expect(getCreditPurchase(db, owner, 'cs_test_nope')).rejects.toBeInstanceOf(
      CreditPurchaseNotFoundError,
    );
  });
});

describe('listCreditLedger', () => {
  it('pages through every change, newest first, with the pack of a purchase', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    await grantCredits(db, customer, 2);
    const { purchase, checkoutId } = await pendingPurchase(customer, 'credits_10');
    await completeCreditPurchase(db, {
      creditPurchaseId: purchase.id,
      stripeCheckoutSessionId: checkoutId,
      paid: paidFor(purchase),
    });
    const { session } = await createSessionRecord(db, sessionInput('credit', customer));
    await cancelSession(db, { sessionId: session.id, actorUserId: customer });
    await grantCredits(db, await createCustomer(db), 1); // another customer's never shows

    const first = await listCreditLedger(db, customer, { limit: 3 });
    const second = await listCreditLedger(db, customer, { limit: 3, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    const items = [...first.items, ...second.items];
    expect(
      items.map(({ delta, reason, sessionId, packId, amountCents }) => ({
        delta,
        reason,
        sessionId,
        packId,
        amountCents,
      })),
    ).toEqual([
      { delta: 1, reason: 'session_refund', sessionId: session.id, packId: null, amountCents: null },
      { delta: -1, reason: 'session_debit', sessionId: session.id, packId: null, amountCents: null },
      { delta: 10, reason: 'purchase', sessionId: null, packId: 'credits_10', amountCents: 21900 },
      { delta: 2, reason: 'grant', sessionId: null, packId: null, amountCents: null },
    ]);
    expect(items[0]!.createdAt).toBeInstanceOf(Date);
    await expect(listCreditLedger(db, customer, { limit: 3, cursor: 'garbage' })).rejects.toBeInstanceOf(
      InvalidSessionInputError,
    );
  });
});
