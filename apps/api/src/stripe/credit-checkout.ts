import type { Database } from '@autodoctor/db';
import {
  attachCreditPurchaseCheckout,
  creditPackOf,
  startCreditPurchase,
  type CreditPackId,
} from '@autodoctor/session-core';
import type Stripe from 'stripe';
import type { PaidCheckout } from './checkout.ts';

/**
 * Starts buying a credit pack: records the purchase (pending), opens a Stripe
 * Checkout Session for the pack's price and returns its URL. The credits are
 * added by the webhook once Stripe reports the payment (see handleStripeEvent),
 * exactly once.
 */
export async function startCreditCheckout(
  deps: { db: Database; stripe: Stripe },
  input: {
    customer: { id: string; email: string };
    packId: CreditPackId;
    successUrl: string;
    cancelUrl: string;
  },
): Promise<PaidCheckout> {
  const pack = creditPackOf(input.packId);
  const purchase = await startCreditPurchase(deps.db, { customerUserId: input.customer.id, packId: pack.id });
  const checkout = await deps.stripe.checkout.sessions.create(
    {
      mode: 'payment',
      client_reference_id: purchase.id,
      customer_email: input.customer.email,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: pack.currency,
            unit_amount: pack.amountCents,
            product_data: { name: `AutoDoctor credits: ${pack.credits} sessions` },
          },
        },
      ],
      metadata: { creditPurchaseId: purchase.id, customerUserId: input.customer.id, packId: pack.id },
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
    },
    { idempotencyKey: `credit-purchase-${purchase.id}` },
  );
  await attachCreditPurchaseCheckout(deps.db, {
    creditPurchaseId: purchase.id,
    stripeCheckoutSessionId: checkout.id,
  });
  return { checkoutSessionId: checkout.id, checkoutUrl: checkout.url! };
}
