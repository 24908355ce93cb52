import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { earningKind } from './enums.ts';
import { sessions } from './sessions.ts';
import { users } from './users.ts';
import { timestamptz } from './column-types.ts';

/**
 * Every change of a mechanic's earnings, append-only (a trigger refuses UPDATE and
 * DELETE): referral fees and quote bonuses, written by session-core in the
 * transaction of the move that earns them, and payouts (negative). The balance is
 * the sum of a mechanic's lines.
 */
export const mechanicEarnings = pgTable(
  'mechanic_earnings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    mechanicUserId: text('mechanic_user_id')
      .notNull()
      .references(() => users.id),
    kind: earningKind('kind').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    /**
     * The session that earned a referral fee (and, for a bonus, the quote's session). This and
     * `quote_id` have no foreign key (migration 0016): the ledger stays whole when `pnpm archive`
     * moves an old session and its quotes out of the live tables.
     */
    sessionId: uuid('session_id'),
    /** The approved quote version that earned a bonus. */
    quoteId: uuid('quote_id'),
    /** What the fee or bonus is a share of, in cents (rounded half-even), and the rate. */
    basisCents: integer('basis_cents'),
    rateBps: integer('rate_bps'),
    /** A payout's reference (bank transfer id…) and who recorded it. */
    reference: text('reference'),
    recordedBy: text('recorded_by'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('idx_mechanic_earnings_mechanic').on(t.mechanicUserId, t.createdAt.desc(), t.id.desc()),
    // The analytics' earnings per bucket and the balance owed before a range, by index only.
    index('idx_mechanic_earnings_analytics').on(t.currency, t.createdAt, t.kind, t.amountCents),
    // Exactly once per source and kind, however often the move is retried.
    uniqueIndex('uq_mechanic_earnings_referral')
      .on(t.sessionId)
      .where(sql`${sql.identifier('kind')} = 'referral_fee'`),
    uniqueIndex('uq_mechanic_earnings_bonus')
      .on(t.quoteId)
      .where(sql`${sql.identifier('kind')} = 'quote_bonus'`),
    check('ck_mechanic_earnings_amount_not_zero', sql`${t.amountCents} <> 0`),
    check(
      'ck_mechanic_earnings_kind',
      // As text: a new enum value cannot be used in the transaction that adds it (the migration).
      sql`CASE ${t.kind}::text
        WHEN 'referral_fee' THEN ${t.sessionId} IS NOT NULL AND ${t.amountCents} > 0 AND ${t.rateBps} IS NOT NULL
        WHEN 'quote_bonus' THEN ${t.quoteId} IS NOT NULL AND ${t.amountCents} > 0 AND ${t.rateBps} IS NOT NULL
        WHEN 'payout' THEN ${t.amountCents} < 0 AND ${t.reference} IS NOT NULL
        ELSE false END`,
    ),
  ],
);

/**
 * A customer's rating of a session with a mechanic: one per session (1–5 stars and
 * an optional comment), changeable for 7 days after it was first given.
 */
export const sessionRatings = pgTable(
  'session_ratings',
  {
    sessionId: uuid('session_id')
      .primaryKey()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    customerUserId: text('customer_user_id')
      .notNull()
      .references(() => users.id),
    mechanicUserId: text('mechanic_user_id')
      .notNull()
      .references(() => users.id),
    stars: smallint('stars').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('idx_session_ratings_mechanic').on(t.mechanicUserId, t.createdAt.desc()),
    // The analytics' ratings per mechanic over a range, by index only.
    index('idx_session_ratings_created').on(t.createdAt, t.mechanicUserId, t.stars),
    check('ck_session_ratings_stars', sql`${t.stars} BETWEEN 1 AND 5`),
  ],
);
