import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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

/** How far each rollup is complete: its rows before `complete_until` are final. */
export const analyticsRollups = pgTable('analytics_rollups', {
  name: text('name').primaryKey(),
  completeUntil: timestamptz('complete_until').notNull(),
  refreshedAt: timestamptz('refreshed_at').notNull().defaultNow(),
});
