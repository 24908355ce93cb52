import { useTestDatabase } from '@autodoctor/db/testing';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from './create-session-record.ts';
import { completeCreditPurchase, startCreditPurchase } from './credit-purchases.ts';
import { InvalidSessionInputError, ReceiptNotFoundError } from './errors.ts';
import { getReceipt, listReceipts } from './receipts.ts';
import { createCustomer, sessionInput } from './test-fixtures.ts';
import { cancelSession } from './transitions/cancel-session.ts';

const database = useTestDatabase();

async function buyCredits(customerUserId: string) {
  const { db } = database;
  const purchase = await startCreditPurchase(db, { customerUserId, packId: 'credits_3' });
  const checkout = `cs_test_${randomUUID()}`;
  await completeCreditPurchase(db, {
    creditPurchaseId: purchase.id,
    stripeCheckoutSessionId: checkout,
    paid: { amountCents: purchase.amountCents, currency: purchase.currency },
  });
  return { purchase, checkout };
}

describe('receipts', () => {
  it('lists card payments and credit purchases, newest first, a page at a time', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const { purchase, checkout } = await buyCredits(customer);
    // Not a receipt: a purchase never paid, a free session.
    await startCreditPurchase(db, { customerUserId: customer, packId: 'credits_5' });
    const free = await createSessionRecord(db, sessionInput('free', customer));
    await cancelSession(db, { sessionId: free.session.id, actorUserId: customer });
    const paid = await createSessionRecord(db, sessionInput('paid', customer));
    // Both at the same instant: the cursor still pages through each once.
    await db.execute(
      sql`UPDATE sessions SET created_at = (SELECT completed_at FROM credit_purchases WHERE id = ${purchase.id}) WHERE id = ${paid.session.id}`,
    );

    const first = await listReceipts(db, customer, { limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await listReceipts(db, customer, { limit: 1, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all.map((receipt) => receipt.kind).sort()).toEqual(['card_payment', 'credit_purchase']);
    expect(all.find((receipt) => receipt.kind === 'credit_purchase')).toEqual({
      kind: 'credit_purchase',
      id: purchase.id,
      description: '3 credits',
      amountCents: purchase.amountCents,
      currency: purchase.currency,
      paidAt: expect.any(Date) as Date,
      paymentReference: checkout,
      credits: 3,
      sessionId: null,
      refundedAt: null,
    });
    expect(all.find((receipt) => receipt.kind === 'card_payment')).toMatchObject({
      id: paid.session.id,
      sessionId: paid.session.id,
      description: 'Remote consultation: 2017 Toyota Corolla: Check engine light came on after refuelling',
      amountCents: 2900,
      currency: 'usd',
      paymentReference: paid.session.stripeCheckoutSessionId,
      credits: null,
    });
    await expect(listReceipts(db, customer, { limit: 1, cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(
      InvalidSessionInputError,
    );
  });

  it("shows one receipt to its customer only: another's or an unknown id is RECEIPT_NOT_FOUND", async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const other = await createCustomer(db);
    const { purchase } = await buyCredits(customer);
    const paid = await createSessionRecord(db, sessionInput('paid', customer));
    expect(await getReceipt(db, customer, { kind: 'credit_purchase', id: purchase.id })).toMatchObject({
      credits: 3,
    });
    expect(await getReceipt(db, customer, { kind: 'card_payment', id: paid.session.id })).toMatchObject({
      amountCents: 2900,
    });
    for (const [userId, kind, id] of [
      [other, 'credit_purchase', purchase.id],
      [other, 'card_payment', paid.session.id],
      // The right id under the other kind names nothing.
      [customer, 'card_payment', purchase.id],
      [customer, 'credit_purchase', randomUUID()],
      [customer, 'credit_purchase', 'not-a-uuid'],
    ] as const) {
      await expect(getReceipt(db, userId, { kind, id })).rejects.toBeInstanceOf(ReceiptNotFoundError);
    }
  });
});
