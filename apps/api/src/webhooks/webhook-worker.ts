import type { Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from '@autodoctor/session-core/webhooks';
import type postgres from 'postgres';
import type { ApiConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { backoffMs } from '../outbox/backoff.ts';
import { OutboxLoop } from '../outbox/outbox-loop.ts';
import { postWebhook, type PostOutcome } from './post-webhook.ts';
import { resolveWebhookTarget } from './webhook-target.ts';

/** The channel migration 0013's trigger NOTIFYs on when it writes deliveries. */
export const WEBHOOK_OUTBOX_CHANNEL = 'webhook_outbox_ready';

/** The header that carries the event's id, for a receiver that drops repeats before parsing. */
export const WEBHOOK_EVENT_ID_HEADER = 'AutoDoctor-Event-Id';

const LAST_ERROR_MAX_LENGTH = 1000;

export type WebhookWorkerSettings = Pick<
  ApiConfig,
  | 'WEBHOOK_ALLOW_LOOPBACK'
  | 'WEBHOOK_POLL_MS'
  | 'WEBHOOK_LEASE_MS'
  | 'WEBHOOK_BATCH_SIZE'
  | 'WEBHOOK_TIMEOUT_MS'
  | 'WEBHOOK_BACKOFF_BASE_MS'
  | 'WEBHOOK_BACKOFF_CAP_MS'
  | 'WEBHOOK_RETRY_FOR_MS'
  | 'WEBHOOK_DISABLE_AFTER_MS'
>;

export interface WebhookWorkerDeps {
  db: Database;
  /** postgres.js, for LISTEN. */
  sql: postgres.Sql;
  log: Logger;
  metrics: Pick<Metrics, 'webhookAttempts'>;
  settings: WebhookWorkerSettings;
}

/** A delivery claimed for sending, with where it goes. */
type ClaimedDelivery = {
  id: string;
  endpointId: string;
  eventId: string;
  /** The body as stored: the same bytes on every try, so a receiver's repeat check sees one event. */
  body: string;
  /** Counting this try. */
  attempts: number;
  url: string;
  secret: string;
};

/**
 * Delivers the webhook outbox (`webhook_deliveries`, written by migration 0013's trigger in each
 * event's transaction). Every API instance runs one (an `OutboxLoop`). A delivery is claimed with
 * a lease, only when no earlier event of its session is still pending for that endpoint, so each
 * endpoint gets a session's events one at a time, in order. It is POSTed signed (session-core's
 * `signWebhookBody`); a non-2xx answer or none is retried with backoff for WEBHOOK_RETRY_FOR_MS
 * (a day), then `failed`; an endpoint whose deliveries have all failed for WEBHOOK_DISABLE_AFTER_MS
 * is disabled and reported. Every try is written to the delivery log (`webhook_attempts`).
 */
export class WebhookWorker {
  readonly #deps: WebhookWorkerDeps;
  readonly #loop: OutboxLoop<ClaimedDelivery>;

  constructor(deps: WebhookWorkerDeps) {
    this.#deps = deps;
    this.#loop = new OutboxLoop({
      name: 'webhooks',
      listener: deps.sql,
      channel: WEBHOOK_OUTBOX_CHANNEL,
      pollMs: deps.settings.WEBHOOK_POLL_MS,
      leaseMs: deps.settings.WEBHOOK_LEASE_MS,
      log: deps.log,
      claim: () => this.#claim(),
      deliver: (delivery) => this.#deliver(delivery),
    });
  }

  start(): Promise<void> {
    return this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  /** Delivers everything due now; resolves with how many were delivered. */
  run(): Promise<number> {
    return this.#loop.run();
  }

  async #claim(): Promise<ClaimedDelivery[]> {
    const { db, settings } = this.#deps;
    return db.execute<ClaimedDelivery>(sql`
      UPDATE webhook_deliveries d
         SET claimed_until = now() + ${settings.WEBHOOK_LEASE_MS} * interval '1 millisecond',
             attempts = d.attempts + 1
        FROM webhook_endpoints e
       WHERE e.id = d.endpoint_id
         AND d.id IN (
           SELECT x.id
             FROM webhook_deliveries x
             JOIN webhook_endpoints xe ON xe.id = x.endpoint_id AND xe.enabled
            WHERE x.status = 'pending'
              AND x.next_attempt_at <= now()
              AND (x.claimed_until IS NULL OR x.claimed_until <= now())
              -- In order per session: not while an earlier event of it waits for this endpoint.
              AND NOT EXISTS (
                SELECT 1 FROM webhook_deliveries earlier
                 WHERE earlier.endpoint_id = x.endpoint_id
                   AND earlier.session_id = x.session_id
                   AND earlier.status = 'pending'
                   AND earlier.event_id < x.event_id)
            ORDER BY x.next_attempt_at, x.event_id
            LIMIT ${settings.WEBHOOK_BATCH_SIZE}
              FOR UPDATE OF x SKIP LOCKED)
      RETURNING d.id, d.endpoint_id AS "endpointId", d.event_id::text AS "eventId", d.body::text AS body,
                d.attempts, e.url, e.secret`);
  }

  async #deliver(delivery: ClaimedDelivery): Promise<boolean> {
    const { settings } = this.#deps;
    const started = performance.now();
    let outcome: PostOutcome;
    try {
      // Checked again now: the name may point somewhere else since it was registered.
      const target = await resolveWebhookTarget(delivery.url, {
        allowLoopback: settings.WEBHOOK_ALLOW_LOOPBACK === 'on',
      });
      const timestamp = Math.floor(Date.now() / 1000);
      outcome = await postWebhook(
        target,
        delivery.body,
        {
          [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(delivery.body, delivery.secret, timestamp),
          [WEBHOOK_EVENT_ID_HEADER]: delivery.eventId,
        },
        settings.WEBHOOK_TIMEOUT_MS,
      );
    } catch (error) {
      outcome = { error: error instanceof Error ? error.message : String(error) };
    }
    const durationMs = Math.round(performance.now() - started);
    const delivered = 'statusCode' in outcome && outcome.statusCode >= 200 && outcome.statusCode < 300;
    try {
      await (delivered
        ? this.#succeeded(delivery, outcome, durationMs)
        : this.#failed(delivery, outcome, durationMs));
    } catch (recordError) {
      // The lease lapses by itself: the delivery is tried again then (the receiver drops the repeat by id).
      this.#deps.log.error({ err: recordError, deliveryId: delivery.id }, 'webhooks: could not record a try');
    }
    return delivered;
  }

  async #succeeded(delivery: ClaimedDelivery, outcome: PostOutcome, durationMs: number): Promise<void> {
    const { db, metrics, log } = this.#deps;
    const statusCode = 'statusCode' in outcome ? outcome.statusCode : null;
    await db.transaction(async (tx) => {
      await this.#logAttempt(tx, delivery, statusCode, null, durationMs);
      await tx.execute(sql`
        UPDATE webhook_deliveries
           SET status = 'delivered', delivered_at = now(), claimed_until = NULL,
               last_status_code = ${statusCode}, last_error = NULL
         WHERE id = ${delivery.id} AND status = 'pending'`);
      await tx.execute(
        sql`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ${delivery.endpointId}`,
      );
    });
    metrics.webhookAttempts.inc({ outcome: 'delivered' });
    log.info(
      { deliveryId: delivery.id, eventId: delivery.eventId, attempt: delivery.attempts, statusCode },
      'webhooks: delivered',
    );
  }

  /**
   * A failed try: retried after a backoff, or `failed` once the event is older than
   * WEBHOOK_RETRY_FOR_MS. The endpoint's `failing_since` starts at its first failure since a
   * success; past WEBHOOK_DISABLE_AFTER_MS the endpoint is disabled. Only this claim's row is
   * touched (`attempts` = this try's), so a late answer never undoes another worker's claim.
   */
  async #failed(delivery: ClaimedDelivery, outcome: PostOutcome, durationMs: number): Promise<void> {
    const { db, metrics, log, settings } = this.#deps;
    const statusCode = 'statusCode' in outcome ? outcome.statusCode : null;
    const error = (
      'error' in outcome
        ? outcome.error
        : statusCode! >= 300 && statusCode! < 400
          ? `answered ${statusCode} (redirects are not followed)`
          : `answered ${statusCode}`
    ).slice(0, LAST_ERROR_MAX_LENGTH);
    const delay = backoffMs(delivery.attempts, {
      baseMs: settings.WEBHOOK_BACKOFF_BASE_MS,
      capMs: settings.WEBHOOK_BACKOFF_CAP_MS,
    });
    const { gaveUp, disabled } = await db.transaction(async (tx) => {
      await this.#logAttempt(tx, delivery, statusCode, error, durationMs);
      const [row] = await tx.execute<{ status: string }>(sql`
        UPDATE webhook_deliveries
           SET status = CASE WHEN created_at <= now() - ${settings.WEBHOOK_RETRY_FOR_MS} * interval '1 millisecond'
                             THEN 'failed' ELSE 'pending' END::webhook_delivery_status,
               next_attempt_at = now() + ${delay} * interval '1 millisecond',
               claimed_until = NULL, last_status_code = ${statusCode}, last_error = ${error}
         WHERE id = ${delivery.id} AND status = 'pending' AND attempts = ${delivery.attempts}
        RETURNING status`);
      const [endpoint] = await tx.execute<{ disabled: boolean }>(sql`
        UPDATE webhook_endpoints e
           SET failing_since = COALESCE(e.failing_since, now()),
               enabled = e.enabled AND NOT c.disable,
               disabled_at = CASE WHEN c.disable THEN now() ELSE e.disabled_at END,
               disabled_reason = CASE WHEN c.disable
                 THEN 'every delivery failed since '
                      || to_char(e.failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
                      || '; last: ' || ${error}
                 ELSE e.disabled_reason END
          FROM (SELECT id, COALESCE(enabled AND failing_since <= now() - ${settings.WEBHOOK_DISABLE_AFTER_MS} * interval '1 millisecond', false) AS disable
                  FROM webhook_endpoints WHERE id = ${delivery.endpointId}) c
         WHERE e.id = c.id
        RETURNING c.disable AS disabled`);
      return { gaveUp: row?.status === 'failed', disabled: endpoint?.disabled === true };
    });
    metrics.webhookAttempts.inc({ outcome: gaveUp ? 'gave_up' : 'failed' });
    const fields = {
      deliveryId: delivery.id,
      eventId: delivery.eventId,
      attempt: delivery.attempts,
      statusCode,
      error,
    };
    if (gaveUp)
      log.error(fields, 'webhooks: gave up on a delivery after retrying it for the whole retry period');
    else log.warn({ ...fields, retryInMs: delay }, 'webhooks: delivery failed, will retry');
    if (disabled) {
      log.error(
        { endpointId: delivery.endpointId, url: delivery.url },
        'webhooks: endpoint disabled: every delivery to it failed for WEBHOOK_DISABLE_AFTER_MS (pnpm webhooks enable <id> turns it back on)',
      );
    }
  }

  #logAttempt(
    tx: Pick<Database, 'execute'>,
    delivery: ClaimedDelivery,
    statusCode: number | null,
    error: string | null,
    durationMs: number,
  ) {
    return tx.execute(sql`
      INSERT INTO webhook_attempts (delivery_id, attempt, status_code, error, duration_ms)
      VALUES (${delivery.id}, ${delivery.attempts}, ${statusCode}, ${error}, ${durationMs})`);
  }
}
