import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { mailKind, mailStatus } from './enums.ts';
import { users } from './users.ts';
import { timestamptz } from './column-types.ts';

/**
 * The transactional outbox of email: one row per message, inserted in the transaction of the
 * event that causes it (session-core's `enqueueMail`), delivered by the API's mail worker. A
 * worker claims a row by setting `claimed_until` (a lease, `FOR UPDATE SKIP LOCKED`), so one
 * instance sends it; a worker that dies mid-send lets the lease lapse and another sends it again
 * with the same Message-ID (built from `id`), which the receiving side can recognise.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: mailKind('kind').notNull(),
    /** Who it is for; null for a message to an address with no account behind it yet. */
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** The address, fixed when the message was written (a change of email gets its own message). */
    toAddress: text('to_address').notNull(),
    /** The template's data (session-core's `MailPayloads[kind]`), rendered at send time. */
    payload: jsonb('payload').notNull(),
    /** One message per event and recipient: e.g. `session_accepted:<session id>:<user id>`. */
    dedupeKey: text('dedupe_key').unique('uq_mail_outbox_dedupe_key'),
    status: mailStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    /** Set while a worker is sending it; a lapsed lease means the worker died. */
    claimedUntil: timestamptz('claimed_until'),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    sentAt: timestamptz('sent_at'),
  },
  (t) => [
    index('idx_mail_outbox_due')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index('idx_mail_outbox_user').on(t.userId),
    check('ck_mail_outbox_attempts', sql`attempts >= 0`),
  ],
);

/**
 * What a person turned off: one row per channel and kind (email: an optional `mail_kind`;
 * push: a push kind). No row: on. Security email cannot be turned off (session-core refuses).
 */
export const notificationOptOuts = pgTable(
  'notification_opt_outs',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    kind: text('kind').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.channel, t.kind] }),
    check('ck_notification_opt_outs_channel', sql`channel IN ('email', 'push')`),
  ],
);

/** A browser's Web Push subscription (a mechanic's device). Removed when the push service says it is gone. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull().unique('uq_push_subscriptions_endpoint'),
    /** The subscription's public key (base64url) and auth secret, for encrypting payloads. */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastPushedAt: timestamptz('last_pushed_at'),
  },
  (t) => [index('idx_push_subscriptions_user').on(t.userId)],
);

/**
 * Per mechanic, the queue as of the last new-sessions push: sessions that entered the queue
 * after `notified_through` are news. One summary push covers all of them.
 */
export const mechanicPushState = pgTable('mechanic_push_state', {
  mechanicUserId: text('mechanic_user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  notifiedThrough: timestamptz('notified_through').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});
