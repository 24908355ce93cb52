import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from './column-types.ts';
import { sessionEventType, webhookDeliveryStatus } from './enums.ts';
import { sessionEvents } from './sessions.ts';

/**
 * An outside service's URL that receives the session events it asked for, signed with `secret`
 * (registered by an operator: `pnpm webhooks:add`). Disabled by hand or after failing for a day.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    url: text('url').notNull(),
    /** The session event types it receives. */
    eventTypes: sessionEventType('event_types').array().notNull(),
    /** The HMAC key of its signatures (`whsec_…`), shown once at registration. */
    secret: text('secret').notNull(),
    description: text('description'),
    enabled: boolean('enabled').notNull().default(true),
    disabledAt: timestamptz('disabled_at'),
    disabledReason: text('disabled_reason'),
    /** Since when every delivery to it has failed; null after a success. A day of it disables it. */
    failingSince: timestamptz('failing_since'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('ck_webhook_endpoints_event_types', sql`cardinality(${t.eventTypes}) > 0`),
    check('ck_webhook_endpoints_url_length', sql`length(${t.url}) <= 2048`),
    check(
      'ck_webhook_endpoints_disabled',
      sql`${t.enabled} = (${t.disabledAt} IS NULL) AND (${t.disabledAt} IS NULL) = (${t.disabledReason} IS NULL)`,
    ),
  ],
);

/**
 * The webhook outbox: one row per event and endpoint, written by a trigger on `session_events`
 * in the event's own transaction (migration 0013), so no event is lost across instances and
 * crashes. The API's webhook worker claims rows with a lease and delivers them in event order per
 * session; `body` is fixed when the row is written, so every try sends the same bytes.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => sessionEvents.id, { onDelete: 'cascade' }),
    /** The event's session: deliveries of one session go out one at a time, in event order. */
    sessionId: uuid('session_id').notNull(),
    /** The JSON sent (session-core's `WebhookEvent`). */
    body: jsonb('body').notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    /** Set while a worker is delivering it; a lapsed lease means the worker died. */
    claimedUntil: timestamptz('claimed_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    deliveredAt: timestamptz('delivered_at'),
  },
  (t) => [
    unique('uq_webhook_deliveries_endpoint_event').on(t.endpointId, t.eventId),
    index('idx_webhook_deliveries_due')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index('idx_webhook_deliveries_session_order')
      .on(t.endpointId, t.sessionId, t.eventId)
      .where(sql`status = 'pending'`),
    index('idx_webhook_deliveries_event').on(t.eventId),
    check('ck_webhook_deliveries_attempts', sql`attempts >= 0`),
  ],
);

/** The delivery log: every try of a delivery, with the endpoint's answer (append-only). */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    /** The HTTP status the endpoint answered; null when there was no answer (refused, timed out). */
    statusCode: integer('status_code'),
    /** Why it failed, when it did. */
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('idx_webhook_attempts_delivery').on(t.deliveryId, t.id)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
