import { webhookEndpoints, type Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { SESSION_EVENT_TYPES, type SessionEventType } from '@autodoctor/session-core/rules';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { WebhookEndpointLimitError, WebhookEndpointNotFoundError } from '@autodoctor/session-core';
import { resolveWebhookTarget, type WebhookAddressPolicy } from './webhook-target.ts';

/** At most this many endpoints: each event is written once per endpoint that wants it. */
export const WEBHOOK_MAX_ENDPOINTS = 50;

/** A registration: the URL, the event types it receives, and a note for people. */
export const webhookEndpointInputSchema = z.object({
  url: z.string().trim().min(1).max(2048),
  eventTypes: z
    .array(z.enum(SESSION_EVENT_TYPES))
    .min(1)
    .max(SESSION_EVENT_TYPES.length)
    .refine((types) => new Set(types).size === types.length, 'lists an event type twice'),
  description: z.string().trim().max(200).optional(),
});
export type WebhookEndpointInput = z.input<typeof webhookEndpointInputSchema>;

/** An endpoint as operators see it (never its secret, which is shown once, at registration). */
export interface WebhookEndpointSummary {
  id: string;
  url: string;
  eventTypes: SessionEventType[];
  description: string | null;
  enabled: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  /** Deliveries waiting (retries included), and given up after a day. */
  pending: number;
  failed: number;
  lastDeliveredAt: Date | null;
}

/** The secret a new endpoint's signatures are made with: 32 random bytes. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Registers an endpoint and returns it with its secret (shown this once). The URL is refused
 * unless it is https and reaches only public addresses (`resolveWebhookTarget`); the event types
 * are session event types. Nothing is written when it is refused.
 */
export async function registerWebhookEndpoint(
  db: Database,
  input: WebhookEndpointInput,
  policy: WebhookAddressPolicy,
): Promise<{ endpoint: WebhookEndpointSummary; secret: string }> {
  const { url, eventTypes, description } = webhookEndpointInputSchema.parse(input);
  const target = await resolveWebhookTarget(url, policy);
  const secret = newSecret();
  const id = await db.transaction(async (tx) => {
    // One registration at a time, so the cap holds under concurrent ones.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('webhook_endpoints'))`);
    const [row] = await tx.execute<{ id: string }>(sql`
      INSERT INTO webhook_endpoints (url, event_types, secret, description)
      SELECT ${target.url.href}, ARRAY[${sql.join(
        eventTypes.map((type) => sql`${type}`),
        sql`, `,
      )}]::session_event_type[],
             ${secret}, ${description || null}
       WHERE (SELECT count(*) FROM webhook_endpoints) < ${WEBHOOK_MAX_ENDPOINTS}
      RETURNING id`);
    if (!row) throw new WebhookEndpointLimitError(WEBHOOK_MAX_ENDPOINTS);
    return row.id;
  });
  return { endpoint: await getWebhookEndpoint(db, id), secret };
}

const summaryColumns = sql`
  e.id, e.url, e.event_types::text[] AS "eventTypes", e.description, e.enabled,
  e.disabled_at AS "disabledAt", e.disabled_reason AS "disabledReason",
  e.failing_since AS "failingSince", e.created_at AS "createdAt",
  (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'pending') AS pending,
  (SELECT count(*)::int FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.status = 'failed') AS failed,
  (SELECT max(d.delivered_at) FROM webhook_deliveries d WHERE d.endpoint_id = e.id) AS "lastDeliveredAt"`;

type SummaryRow = Omit<
  WebhookEndpointSummary,
  'disabledAt' | 'failingSince' | 'createdAt' | 'lastDeliveredAt'
> &
  Record<'disabledAt' | 'failingSince' | 'createdAt' | 'lastDeliveredAt', string | Date | null>;

const toDate = (value: string | Date | null) => (value === null ? null : new Date(value));
const toSummary = (row: SummaryRow): WebhookEndpointSummary => ({
  ...row,
  disabledAt: toDate(row.disabledAt),
  failingSince: toDate(row.failingSince),
  createdAt: toDate(row.createdAt)!,
  lastDeliveredAt: toDate(row.lastDeliveredAt),
});

export async function listWebhookEndpoints(db: Database): Promise<WebhookEndpointSummary[]> {
  const rows = await db.execute<SummaryRow>(
    sql`SELECT ${summaryColumns} FROM webhook_endpoints e ORDER BY e.created_at, e.id`,
  );
  return rows.map(toSummary);
}

export async function getWebhookEndpoint(db: Database, id: string): Promise<WebhookEndpointSummary> {
  if (!z.uuid().safeParse(id).success) throw new WebhookEndpointNotFoundError(id);
  const [row] = await db.execute<SummaryRow>(
    sql`SELECT ${summaryColumns} FROM webhook_endpoints e WHERE e.id = ${id}`,
  );
  if (!row) throw new WebhookEndpointNotFoundError(id);
  return toSummary(row);
}

/**
 * Turns an endpoint off (`reason` says why) or on again. Turned on, it receives new events and
 * its deliveries still pending go out, in order; `failing_since` starts afresh.
 */
export async function setWebhookEndpointEnabled(
  db: Database,
  id: string,
  change: { enabled: true } | { enabled: false; reason: string },
): Promise<WebhookEndpointSummary> {
  if (!z.uuid().safeParse(id).success) throw new WebhookEndpointNotFoundError(id);
  const updated = await db.execute<{ id: string }>(
    change.enabled
      ? sql`UPDATE webhook_endpoints
               SET enabled = true, disabled_at = NULL, disabled_reason = NULL, failing_since = NULL
             WHERE id = ${id} RETURNING id`
      : sql`UPDATE webhook_endpoints
               SET enabled = false, disabled_at = COALESCE(disabled_at, now()),
                   disabled_reason = COALESCE(disabled_reason, ${change.reason.slice(0, 500)})
             WHERE id = ${id} RETURNING id`,
  );
  if (updated.length === 0) throw new WebhookEndpointNotFoundError(id);
  return getWebhookEndpoint(db, id);
}

/**
 * Removes an endpoint with its deliveries and their log. The deliveries go first, then the
 * endpoint: the worker's order (it records a try on the delivery's row, then its endpoint's), so a
 * removal during a delivery waits for it; the other order deadlocked with it (the cascade came last).
 */
export async function removeWebhookEndpoint(db: Database, id: string): Promise<void> {
  if (!z.uuid().safeParse(id).success) throw new WebhookEndpointNotFoundError(id);
  const removed = await db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM webhook_deliveries WHERE endpoint_id = ${id}`);
    return tx
      .delete(webhookEndpoints)
      .where(sql`${webhookEndpoints.id} = ${id}`)
      .returning({ id: webhookEndpoints.id });
  });
  if (removed.length === 0) throw new WebhookEndpointNotFoundError(id);
}

/** One try of a delivery, from the delivery log. */
export type WebhookAttemptLine = {
  deliveryId: string;
  eventId: number;
  eventType: SessionEventType;
  sessionId: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  at: Date;
  deliveryStatus: 'pending' | 'delivered' | 'failed';
};

/** The delivery log of an endpoint, newest first (at most `limit` lines, 1–500). */
export async function webhookDeliveryLog(
  db: Database,
  endpointId: string,
  limit = 50,
): Promise<WebhookAttemptLine[]> {
  await getWebhookEndpoint(db, endpointId);
  const rows = await db.execute<WebhookAttemptLine & { at: string | Date }>(sql`
    SELECT d.id AS "deliveryId", d.event_id::int AS "eventId", d.body->>'type' AS "eventType",
           d.session_id AS "sessionId", a.attempt, a.status_code AS "statusCode", a.error,
           a.duration_ms AS "durationMs", a.at, d.status AS "deliveryStatus"
      FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
     WHERE d.endpoint_id = ${endpointId}
     ORDER BY a.id DESC
     LIMIT ${Math.max(1, Math.min(500, Math.trunc(limit)))}`);
  return rows.map((row) => ({ ...row, at: new Date(row.at) }));
}
