import { creditPurchases, sessions, stripeRefunds } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../testing/capturing-logger.ts';
import { completedCheckoutEvent, deliverStripeEvent, openPaidCheckout } from '../testing/stripe-events.ts';
import { useTestApi } from '../testing/test-api.ts';
import { EMULATOR_WEBHOOK_SECRET } from './stripe-client.ts';
import { handleStripeEvent } from './webhook.ts';

const t = useTestApi();

const deliver = (event: unknown) => deliverStripeEvent(t.api.url, event, EMULATOR_WEBHOOK_SECRET);

async function refundOwed(checkoutSessionId: string) {
  const [owed] = await t.database.db
    .select()
    .from(stripeRefunds)
    .where(eq(stripeRefunds.stripeCheckoutSessionId, checkoutSessionId));
  return owed;
}

/** A credit pack's checkout, opened through the API, and its pending purchase. */
async function creditCheckout() {
  const customer = await t.customer();
  const checkout = await customer.client.customer.buyCredits.mutate({ packId: 'credits_5' });
  const [purchase] = await t.database.db
    .select()
    .from(creditPurchases)
    .where(eq(creditPurchases.stripeCheckoutSessionId, checkout.checkoutSessionId));
  return { customer, checkout, purchase: purchase! };
}

const sessionCheckout = () => openPaidCheckout(t);

// Signed events for our own checkouts, as a changed checkout (or a leaked secret) would send them.
const wrongPayments = [
  ['less than the price', { amount_total: 100, currency: 'usd' }],
  ['more than the price', { amount_total: 1_000_000, currency: 'usd' }],
  ['another currency', { currency: 'eur' }],
  ['no amount at all', { amount_total: null }],
] as const;

describe('the webhook compares what was paid with the price', () => {
  it.each(wrongPayments)('credits no pack paid with %s, and refunds it', async (_, paid) => {
    const { customer, checkout, purchase } = await creditCheckout();
    const response = await deliver(
      completedCheckoutEvent({
        id: checkout.checkoutSessionId,
        client_reference_id: purchase.id,
        amount_total: purchase.amountCents,
        ...paid,
      }),
    );
    expect(response.status).toBe(200);
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 0 });
    expect(await customer.client.customer.creditPurchase.query(checkout)).toMatchObject({
      status: 'pending',
    });
    expect(await refundOwed(checkout.checkoutSessionId)).toMatchObject({ reason: 'amount_mismatch' });
  });

  it.each(wrongPayments)('makes no paid session paid with %s, and refunds it', async (_, paid) => {
    const { customer, checkoutSessionId, intent } = await sessionCheckout();
    const response = await deliver(
      completedCheckoutEvent({ id: checkoutSessionId, client_reference_id: intent.id, ...paid }),
    );
    expect(response.status).toBe(200);
    expect(await customer.client.customer.activeSession.query()).toBeNull();
    const made = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.stripeCheckoutSessionId, checkoutSessionId));
    expect(made).toEqual([]);
    expect(await refundOwed(checkoutSessionId)).toMatchObject({ reason: 'amount_mismatch' });
  });

  it('credits the pack paid at its price, whatever the case of the currency', async () => {
    const { customer, checkout, purchase } = await creditCheckout();
    const event = completedCheckoutEvent({
      id: checkout.checkoutSessionId,
      client_reference_id: purchase.id,
      amount_total: purchase.amountCents,
      currency: 'USD',
    });
    expect((await deliver(event)).status).toBe(200);
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 5 });
    expect(await refundOwed(checkout.checkoutSessionId)).toBeUndefined();
  });

  it('logs a mismatch at error level, with what was expected and what was paid', async () => {
    const { checkoutSessionId, intent } = await sessionCheckout();
    const { log, lines } = capturingLogger();
    const event = completedCheckoutEvent({
      id: checkoutSessionId,
      client_reference_id: intent.id,
      amount_total: 1,
    });
    await handleStripeEvent(
      { ...t.api.services, webhookSecret: EMULATOR_WEBHOOK_SECRET, log },
      event as Stripe.Event,
    );
    expect(lines()).toContainEqual(
      expect.objectContaining({
        level: 50,
        checkoutSessionId,
        expected: { amountCents: 2900, currency: 'usd' },
        paid: { amountCents: 1, currency: 'usd' },
      }),
    );
  });
});
