import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';
import { timestamptz } from './column-types.ts';

/** Stripe webhook events already handled: a redelivered event id is skipped. */
export const processedStripeEvents = pgTable('processed_stripe_events', {
  eventId: text('event_id').primaryKey(),
  type: text('type').notNull(),
  processedAt: timestamptz('processed_at').notNull().defaultNow(),
});

/**
 * A paid intake waiting for its card payment. Its id travels through Stripe as
 * the Checkout Session's `client_reference_id`; the webhook creates the session
 * from the intake kept here (Stripe metadata is too small for a concern).
 */
export const checkoutIntents = pgTable(
  'checkout_intents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerUserId: text('customer_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The validated intake (vehicle, concern, scheduledFor), as JSON. */
    intake: jsonb('intake').$type<Record<string, unknown>>().notNull(),
    stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('idx_checkout_intents_customer').on(t.customerUserId)],
);

/**
 * Card payments to give back, one row per checkout: a paid session cancelled or
 * expired before a mechanic accepted it, or a payment that could not become a
 * session (the customer already had one, or its intake is no longer valid), or a
 * checkout paid with another amount or currency than its price. The primary key makes the refund
 * happen once; `stripe_refund_id` is set once Stripe confirmed it.
 */
export const stripeRefunds = pgTable(
  'stripe_refunds',
  {
    stripeCheckoutSessionId: text('stripe_checkout_session_id').primaryKey(),
    /** No foreign key (migration 0016): a refund is a money record, kept when its session is archived. */
    sessionId: uuid('session_id'),
    reason: text('reason', {
      enum: [
        'session_cancelled',
        'session_expired',
        'active_session_conflict',
        'session_not_created',
        'amount_mismatch',
      ],
    }).notNull(),
    stripeRefundId: text('stripe_refund_id'),
    requestedAt: timestamptz('requested_at').notNull().defaultNow(),
    refundedAt: timestamptz('refunded_at'),
    /** Failed tries so far, the last one's error, and when to try again (backing off). */
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
  },
  // The analytics' refunds per bucket.
  (t) => [
    index('idx_stripe_refunds_refunded')
      .on(t.refundedAt, t.sessionId)
      .where(sql`${sql.identifier('refunded_at')} IS NOT NULL`),
  ],
);
