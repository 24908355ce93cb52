import { creditPurchases, type Database } from '@autodoctor/db';
import { and, desc, eq, gt, isNull, or, sql } from '@autodoctor/db/orm';
import { creditPackOf, type CreditPack, type CreditPackId } from '@autodoctor/session-core';
import type Stripe from 'stripe';
import type { PaidCheckout } from './checkout.ts';

/** A pending purchase's checkout is handed out again while it has this long left to be paid. */
const REUSE_WHILE_OPEN_FOR = '1 hour';
/**
 * A purchase without a checkout yet is another call's, still opening it, for this long: a call
 * meanwhile sends the same idempotent request to Stripe and gets the same checkout. Older, its call
 * failed; a new purchase is made.
 */
const CHECKOUT_OPENING_FOR = '1 minute';

type CreditPurchase = typeof creditPurchases.$inferSelect;

/**
 * Starts buying a credit pack: records the purchase (pending), opens a Stripe
 * Checkout Session for the pack's price and returns its URL. A customer with a
 * pending purchase of the same pack whose checkout is still open gets that
 * checkout again: clicking "buy" twelve times opens one. The credits are added
 * by the webhook once Stripe reports the payment (see handleStripeEvent),
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
  const purchase = await openCreditPurchase(deps.db, input.customer.id, pack);
  if (purchase.stripeCheckoutSessionId && purchase.checkoutUrl) {
    return { checkoutSessionId: purchase.stripeCheckoutSessionId, checkoutUrl: purchase.checkoutUrl };
  }
  // The same request for the same purchase, however many calls send it: Stripe opens one checkout.
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
  await deps.db
    .update(creditPurchases)
    .set({
      stripeCheckoutSessionId: checkout.id,
      checkoutUrl: checkout.url,
      checkoutExpiresAt: new Date(checkout.expires_at * 1000),
    })
    .where(and(eq(creditPurchases.id, purchase.id), isNull(creditPurchases.stripeCheckoutSessionId)));
  return { checkoutSessionId: checkout.id, checkoutUrl: checkout.url! };
}

/**
 * The customer's pending purchase of the pack whose checkout is open (or being opened), else a new
 * one. Decided under a transaction-level advisory lock per customer and pack, so that concurrent
 * calls never both make one: the second waits, then finds the first's.
 */
async function openCreditPurchase(db: Database, customerUserId: string, pack: CreditPack) {
  return db.transaction(async (tx): Promise<CreditPurchase> => {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(${`credit_purchases:${customerUserId}:${pack.id}`}, 0))`,
    );
    const [open] = await tx
      .select()
      .from(creditPurchases)
      .where(
        and(
          eq(creditPurchases.customerUserId, customerUserId),
          eq(creditPurchases.packId, pack.id),
          eq(creditPurchases.status, 'pending'),
          or(
            gt(creditPurchases.checkoutExpiresAt, sql`now() + ${REUSE_WHILE_OPEN_FOR}::interval`),
            and(
              isNull(creditPurchases.stripeCheckoutSessionId),
              gt(creditPurchases.createdAt, sql`now() - ${CHECKOUT_OPENING_FOR}::interval`),
            ),
          ),
        ),
      )
      .orderBy(desc(creditPurchases.createdAt))
      .limit(1);
    if (open) return open;
    const [created] = await tx
      .insert(creditPurchases)
      .values({
        customerUserId,
        packId: pack.id,
        credits: pack.credits,
        amountCents: pack.amountCents,
        currency: pack.currency,
      })
      .returning();
    return created!;
  });
}
