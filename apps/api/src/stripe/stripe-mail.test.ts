import { mailOutbox, sessions, stripeRefunds, users } from '@autodoctor/db';
import { and, eq, isNotNull } from '@autodoctor/db/orm';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/accounts.ts';
import { intake } from '../testing/fixtures.ts';
import { useTestApi } from '../testing/test-api.ts';
import { waitFor } from '../testing/wait-for.ts';

// The emails of Stripe's side of a payment: each written in the transaction that records it.
const t = useTestApi();

async function verifiedCustomer(): Promise<TestUser> {
  const customer = await t.customer();
  await t.database.db.update(users).set({ emailVerified: true }).where(eq(users.id, customer.userId));
  return customer;
}

const outboxOf = (userId: string) =>
  t.database.db
    .select({ kind: mailOutbox.kind, dedupeKey: mailOutbox.dedupeKey, payload: mailOutbox.payload })
    .from(mailOutbox)
    .where(eq(mailOutbox.userId, userId))
    .orderBy(mailOutbox.createdAt, mailOutbox.id);

async function paidSession(customer: TestUser) {
  const started = await customer.client.intake.startSession.mutate(intake({ type: 'paid' }));
  if (started.kind !== 'checkout') throw new Error('expected a checkout');
  await t.emulator.pay(started.checkoutSessionId);
  const session = await waitFor(async () => {
    const [row] = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.stripeCheckoutSessionId, started.checkoutSessionId));
    return row;
  }, 'the paid session');
  return { session, checkoutSessionId: started.checkoutSessionId };
}

describe('payment emails', () => {
  it('a paid checkout writes the card receipt with its session; a cancel, once Stripe refunded, the refund', async () => {
    const customer = await verifiedCustomer();
    const { session, checkoutSessionId } = await paidSession(customer);
    const [receipt, ...others] = await outboxOf(customer.userId);
    expect(others).toEqual([]);
    expect(receipt).toMatchObject({
      kind: 'session_payment_receipt',
      dedupeKey: `session_payment_receipt:${session.id}:${customer.userId}`,
      payload: {
        sessionId: session.id,
        amountCents: 2900,
        currency: 'usd',
        paymentReference: checkoutSessionId,
        paidAt: session.createdAt.toISOString(),
      },
    });

    await customer.client.customer.cancelSession.mutate({ sessionId: session.id });
    await waitFor(async () => {
      const [refund] = await t.database.db
        .select()
        .from(stripeRefunds)
        .where(and(eq(stripeRefunds.sessionId, session.id), isNotNull(stripeRefunds.refundedAt)));
      return refund;
    }, 'the card refund');
    // The worker again: the refund is recorded once, so is its email.
    await t.api.services.refunds.run();
    const rows = await outboxOf(customer.userId);
    expect(rows.map((row) => row.kind)).toEqual(['session_payment_receipt', 'session_refund']);
    expect(rows[1]).toMatchObject({
      dedupeKey: `session_refund:${session.id}:${customer.userId}`,
      payload: { sessionId: session.id, amountCents: 2900, currency: 'usd', credits: null },
    });
  });

  it('a credit pack writes its receipt once Stripe confirms it', async () => {
    const customer = await verifiedCustomer();
    const checkout = await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' });
    await t.emulator.pay(checkout.checkoutSessionId);
    const rows = await waitFor(async () => {
      const found = await outboxOf(customer.userId);
      return found.length > 0 ? found : undefined;
    }, 'the credit purchase receipt');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'credit_purchase_receipt',
      payload: { credits: 3, paymentReference: checkout.checkoutSessionId },
    });
  });
});
