import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * A credit pack a customer set out to buy with a Stripe Checkout Session. Its id
 * is the Checkout Session's `client_reference_id`; `completed` once the webhook
 * credited it (the ledger's `uq_credit_ledger_purchase` makes that happen once).
 */
export const creditPurchases = pgTable(
  'credit_purchases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerUserId: text('customer_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    packId: text('pack_id').notNull(),
    credits: integer('credits').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['pending', 'completed'] })
      .notNull()
      .default('pending'),
    stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
    /** The checkout's payment page and when Stripe expires it: a pending one is handed out again. */
    checkoutUrl: text('checkout_url'),
    checkoutExpiresAt: timestamp('checkout_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /**
     * Credits of this pack not yet spent: set to `credits` when it completes, taken by
     * session debits oldest purchase first, given back by a refund (see session-core's
     * README, "What a credit is worth"). Packs completed before migration 0011 start at 0.
     */
    creditsLeft: integer('credits_left').notNull().default(0),
  },
  (t) => [
    index('idx_credit_purchases_customer').on(t.customerUserId),
    check('ck_credit_purchases_credits_positive', sql`${t.credits} > 0 AND ${t.amountCents} >= 0`),
    check('ck_credit_purchases_credits_left', sql`${t.creditsLeft} BETWEEN 0 AND ${t.credits}`),
    index('idx_credit_purchases_unspent')
      .on(t.customerUserId, t.completedAt)
      .where(sql`${sql.identifier('credits_left')} > 0`),
    // The analytics' packs sold per bucket.
    index('idx_credit_purchases_completed')
      .on(t.completedAt, t.currency, t.amountCents)
      .where(sql`${sql.identifier('status')} = 'completed'`),
    check('ck_credit_purchases_status', sql`${t.status} IN ('pending', 'completed')`),
    check(
      'ck_credit_purchases_completed_at',
      sql`(${t.status} = 'completed') = (${t.completedAt} IS NOT NULL)`,
    ),
  ],
);
