import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './users.ts';
import { timestamptz } from './column-types.ts';

/**
 * Whether a mechanic is available, shared by every API instance. A mechanic
 * counts as online while `online` and `last_seen_at` is recent (session-core's
 * `MECHANIC_PRESENCE.offlineAfterSeconds`, by the database clock): an app that
 * stops sending heartbeats goes offline by itself. No row: never switched on.
 */
export const mechanicPresence = pgTable('mechanic_presence', {
  // users.id is text (better-auth's ids).
  mechanicUserId: text('mechanic_user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** What the mechanic chose last (switched on or off). */
  online: boolean('online').notNull(),
  /** The last switch or heartbeat. */
  lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
  /** When `online` last changed. */
  changedAt: timestamptz('changed_at').notNull().defaultNow(),
});
