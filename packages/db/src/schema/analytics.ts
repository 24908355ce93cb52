import { bigint, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { sessionType } from './enums.ts';
import { timestamptz } from './column-types.ts';

/**
 * The operations console's session counts per UTC quarter-hour and session type, rebuilt by
 * `@autodoctor/analytics`' `refreshAnalyticsRollups` (a scheduled job) up to its watermark in
 * `analytics_rollups`; panels read it before the watermark and the live tables after it. Every
 * time zone in use today is a whole number of quarter-hours from UTC, so an operator's local hours
 * and days are unions of quarter-hours. Not tied to sessions: archiving sessions keeps it.
 */
export const analyticsSessionSlots = pgTable(
  'analytics_session_slots',
  {
    /** The quarter-hour's start (UTC, `date_bin('15 minutes', …, epoch)`). */
    slot: timestamptz('slot').notNull(),
    type: sessionType('type').notNull(),
    /** Sessions created in the quarter-hour. */
    created: integer('created').notNull(),
    /** Of those, cancelled or expired before any accept. */
    abandoned: integer('abandoned').notNull(),
    /** Sessions accepted in the quarter-hour (by their accept time). */
    accepted: integer('accepted').notNull(),
  },
  (t) => [primaryKey({ columns: [t.slot, t.type] })],
);

/**
 * Money's running totals at each UTC quarter-hour boundary `slot` and currency (integer cents,
 * bigint): the facts of the revenue, quotes and earnings panels before it, from the currency's first
 * quarter-hour on, so any whole quarter-hours' sums are two rows' difference. `currency` is '' for
 * a refund whose session is unknown (counted in every currency, as the panel always did).
 */
export const analyticsMoneySlots = pgTable(
  'analytics_money_slots',
  {
    slot: timestamptz('slot').notNull(),
    currency: text('currency').notNull(),
    paidCents: bigint('paid_cents', { mode: 'number' }).notNull(),
    creditCents: bigint('credit_cents', { mode: 'number' }).notNull(),
    packsSold: integer('packs_sold').notNull(),
    packsCents: bigint('packs_cents', { mode: 'number' }).notNull(),
    refunds: integer('refunds').notNull(),
    refundsCents: bigint('refunds_cents', { mode: 'number' }).notNull(),
    quotesSent: integer('quotes_sent').notNull(),
    sentCents: bigint('sent_cents', { mode: 'number' }).notNull(),
    quotesApproved: integer('quotes_approved').notNull(),
    approvedCents: bigint('approved_cents', { mode: 'number' }).notNull(),
    earnedCents: bigint('earned_cents', { mode: 'number' }).notNull(),
    paidOutCents: bigint('paid_out_cents', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.slot, t.currency] })],
);

/**
 * The accept waits' histogram, cumulative: at each UTC quarter-hour boundary `slot`, `bins[k]` (see
 * `analytics_wait_bin`, ~5 % wide) holds `counts[k]` accepts made before it (bins never used yet
 * left out; no row before the first accept: none). Any whole quarter-hours' histogram is the
 * difference of two rows, whatever their number. Percentiles read from it are an approximation
 * (stated by the panel).
 */
export const analyticsAcceptWaitSlots = pgTable('analytics_accept_wait_slots', {
  slot: timestamptz('slot').primaryKey(),
  bins: smallint('bins').array().notNull(),
  counts: integer('counts').array().notNull(),
});

/** Per mechanic and UTC day: the microseconds their sessions were live within the day. */
export const analyticsMechanicDays = pgTable(
  'analytics_mechanic_days',
  {
    day: timestamptz('day').notNull(),
    mechanicUserId: text('mechanic_user_id').notNull(),
    liveMicroseconds: bigint('live_microseconds', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.mechanicUserId] })],
);

/**
 * Per mechanic, their accepts' waits as a cumulative histogram at each UTC midnight `day` (like
 * `analytics_accept_wait_slots`): the accepts before it, from their first accept's day on.
 */
export const analyticsMechanicWaitDays = pgTable(
  'analytics_mechanic_wait_days',
  {
    day: timestamptz('day').notNull(),
    mechanicUserId: text('mechanic_user_id').notNull(),
    bins: smallint('bins').array().notNull(),
    counts: integer('counts').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.mechanicUserId] })],
);

/** Ratings given per mechanic and UTC day: how many, their stars' sum, and each star count. */
export const analyticsRatingDays = pgTable(
  'analytics_rating_days',
  {
    day: timestamptz('day').notNull(),
    mechanicUserId: text('mechanic_user_id').notNull(),
    ratings: integer('ratings').notNull(),
    starsSum: integer('stars_sum').notNull(),
    stars1: integer('stars_1').notNull(),
    stars2: integer('stars_2').notNull(),
    stars3: integer('stars_3').notNull(),
    stars4: integer('stars_4').notNull(),
    stars5: integer('stars_5').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.mechanicUserId] })],
);

/**
 * The queue at each UTC quarter-hour boundary `at` (rebuilt from the audit log): entries queued
 * then and the oldest one's entry time. A boundary without a row had an empty queue.
 */
export const analyticsQueueSlots = pgTable('analytics_queue_slots', {
  at: timestamptz('at').primaryKey(),
  queued: integer('queued').notNull(),
  oldestEnteredAt: timestamptz('oldest_entered_at').notNull(),
});

/** How far each rollup is complete: its rows before `complete_until` are final. */
export const analyticsRollups = pgTable('analytics_rollups', {
  name: text('name').primaryKey(),
  completeUntil: timestamptz('complete_until').notNull(),
  refreshedAt: timestamptz('refreshed_at').notNull().defaultNow(),
});
