import { stripeRefunds, type Database } from '@autodoctor/db';
import { enqueueRefundMail } from '@autodoctor/session-core';
import { and, asc, eq, isNull, lte, sql } from '@autodoctor/db/orm';
import type Stripe from 'stripe';
import type { Logger } from '../logger.ts';

/**
 * Pays out the refunds owed in `stripe_refunds` (written in the same
 * transaction as the cancel or expiry, by a trigger, or by the webhook). Each
 * row is claimed with FOR UPDATE SKIP LOCKED, so one instance handles it, and
 * Stripe is called with an idempotency key per checkout, so a retry after a
 * crash cannot refund twice.
 */
export class RefundWorker {
  #running: Promise<number> | undefined;
  #again = false;

  constructor(private readonly deps: { db: Database; stripe: Stripe; log: Logger }) {}

  /** Runs soon (after a cancel); failures are logged and retried by the scheduler's next tick. */
  kick(): void {
    void this.run().catch((error: unknown) => this.deps.log.error({ err: error }, 'refunds: run failed'));
  }

  /** Refunds everything owed now; resolves with how many refunds were made. */
  async run(): Promise<number> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#refundAll().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
    return this.#running;
  }

  async #refundAll(): Promise<number> {
    let refunded = 0;
    while (await this.#refundOne()) refunded += 1;
    return refunded;
  }

  /** Claims and refunds one owed payment; false when none is left to do now. */
  async #refundOne(): Promise<boolean> {
    const { db, stripe, log } = this.deps;
    return db.transaction(async (tx) => {
      const [owed] = await tx
        .select()
        .from(stripeRefunds)
        .where(and(isNull(stripeRefunds.refundedAt), lte(stripeRefunds.nextAttemptAt, sql`now()`)))
        .orderBy(asc(stripeRefunds.requestedAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!owed) return false;
      try {
        const checkout = await stripe.checkout.sessions.retrieve(owed.stripeCheckoutSessionId);
        const paymentIntent =
          typeof checkout.payment_intent === 'string' ? checkout.payment_intent : checkout.payment_intent?.id;
        if (!paymentIntent) throw new Error(`checkout ${checkout.id} has no payment to refund`);
        const refund = await stripe.refunds.create(
          {
            payment_intent: paymentIntent,
            metadata: { reason: owed.reason, sessionId: owed.sessionId ?? '' },
          },
          { idempotencyKey: `autodoctor-refund-${owed.stripeCheckoutSessionId}` },
        );
        await tx
          .update(stripeRefunds)
          .set({ stripeRefundId: refund.id, refundedAt: sql`now()` })
          .where(eq(stripeRefunds.stripeCheckoutSessionId, owed.stripeCheckoutSessionId));
        // The customer's refund email, with the refund's record. A payment that never became a
        // session (refused at checkout) has no session to name: the checkout page says it instead.
        if (owed.sessionId) await enqueueRefundMail(tx, owed.sessionId, 'card');
        log.info(
          { checkoutSessionId: owed.stripeCheckoutSessionId, refundId: refund.id, reason: owed.reason },
          'refunded',
        );
        return true;
      } catch (error) {
        // Still owed: tried again after 1, 2, 4 … minutes (at most an hour apart).
        log.error(
          { err: error, checkoutSessionId: owed.stripeCheckoutSessionId },
          'refund failed; will retry',
        );
        await tx
          .update(stripeRefunds)
          .set({
            attempts: sql`${stripeRefunds.attempts} + 1`,
            lastError: error instanceof Error ? error.message : String(error),
            nextAttemptAt: sql`now() + least(power(2, ${stripeRefunds.attempts}), 60) * interval '1 minute'`,
          })
          .where(eq(stripeRefunds.stripeCheckoutSessionId, owed.stripeCheckoutSessionId));
        return false;
      }
    });
  }
}
