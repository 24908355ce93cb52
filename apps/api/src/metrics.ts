import type { Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds: a request is a few ms, a slow one under a second. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The Prometheus metrics of one API instance, served at `GET /metrics`. Each
 * instance has a registry of its own (tests run several in one process).
 * Queue length, its oldest wait and the refunds owed are read from the
 * database when scraped, so every instance reports the same, current values.
 */
export function createMetrics(db: Database) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'autodoctor_' });

  const metrics = {
    registry,
    requests: new Counter({
      name: 'autodoctor_requests_total',
      help: 'Requests answered, by procedure (tRPC path, or the HTTP route) and code (tRPC code, or HTTP status)',
      labelNames: ['procedure', 'code'] as const,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: 'autodoctor_request_duration_seconds',
      help: 'Time to answer, by procedure and code (a subscription: until its stream opened)',
      labelNames: ['procedure', 'code'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    openSubscriptions: new Gauge({
      name: 'autodoctor_open_subscriptions',
      help: 'SSE subscriptions open on this instance, by feed',
      labelNames: ['feed'] as const,
      registers: [registry],
    }),
    fanOutDelay: new Histogram({
      name: 'autodoctor_fanout_delay_seconds',
      help: "From an entry's write (a session event, a room entry) to this instance handing it to its subscribers, by table",
      labelNames: ['table'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    schedulerRuns: new Counter({
      name: 'autodoctor_scheduler_job_runs_total',
      help: 'Scheduler jobs run by this instance (a period claimed), by job',
      labelNames: ['job'] as const,
      registers: [registry],
    }),
    schedulerItems: new Counter({
      name: 'autodoctor_scheduler_job_items_total',
      help: 'Sessions moved by scheduler jobs run on this instance, by job',
      labelNames: ['job'] as const,
      registers: [registry],
    }),
    mailSent: new Counter({
      name: 'autodoctor_mail_sent_total',
      help: "Emails this instance's mail worker handed to the SMTP server, by kind",
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    mailSendFailures: new Counter({
      name: 'autodoctor_mail_send_failures_total',
      help: "Failed sends by this instance's mail worker (each retried later, or dead), by kind",
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    webhookAttempts: new Counter({
      name: 'autodoctor_webhook_attempts_total',
      help: "Tries by this instance's webhook worker, by outcome (delivered, failed and retried later, gave_up)",
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };

  // The database-wide gauges share one query per scrape (prom-client collects metrics side by side).
  let reading: Promise<DatabaseGauges | undefined> | undefined;
  const read = () =>
    (reading ??= db
      .execute<DatabaseGauges>(
        sql`SELECT (SELECT count(*)::int FROM session_assignments WHERE status = 'queued') AS queued,
                   (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8
                      FROM session_assignments WHERE status = 'queued') AS oldest,
                   (SELECT count(*)::int FROM stripe_refunds WHERE refunded_at IS NULL) AS owed,
                   (SELECT count(*)::int FROM mail_outbox WHERE status = 'pending') AS "mailPending",
                   (SELECT count(*)::int FROM mail_outbox WHERE status = 'dead') AS "mailDead",
                   (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8
                      FROM mail_outbox WHERE status = 'pending') AS "mailOldestPending",
                   (SELECT count(*)::int FROM webhook_deliveries WHERE status = 'pending') AS "webhooksPending",
                   (SELECT count(*)::int FROM webhook_endpoints WHERE NOT enabled) AS "webhookEndpointsDisabled"`,
      )
      .then(([row]) => row)
      .catch(() => undefined) // the database is down: /metrics still answers, with database_up 0
      .finally(() => (reading = undefined)));
  const fromDatabase = (name: string, help: string, value: (row: DatabaseGauges) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const row = await read();
        if (row) this.set(value(row));
      },
    });
  fromDatabase(
    'autodoctor_queue_length',
    'Assignments waiting in the queue (all instances)',
    (row) => row.queued,
  );
  fromDatabase(
    'autodoctor_queue_oldest_wait_seconds',
    'How long the oldest queued assignment has waited (0 when the queue is empty)',
    (row) => row.oldest,
  );
  fromDatabase(
    'autodoctor_refunds_owed',
    'Card refunds owed and not paid yet (all instances)',
    (row) => row.owed,
  );
  fromDatabase(
    'autodoctor_mail_outbox_pending',
    'Emails waiting in the outbox to be sent, retries included (all instances)',
    (row) => row.mailPending,
  );
  fromDatabase(
    'autodoctor_mail_outbox_dead',
    'Emails given up on (MAIL_MAX_ATTEMPTS tries, or refused by the SMTP server): kept with their last_error',
    (row) => row.mailDead,
  );
  fromDatabase(
    'autodoctor_mail_outbox_oldest_pending_seconds',
    'How long the oldest unsent email has waited (0 when none is pending)',
    (row) => row.mailOldestPending,
  );
  fromDatabase(
    'autodoctor_webhook_deliveries_pending',
    'Webhook deliveries waiting to be sent, retries included (all instances)',
    (row) => row.webhooksPending,
  );
  fromDatabase(
    'autodoctor_webhook_endpoints_disabled',
    'Webhook endpoints turned off, by hand or after failing for WEBHOOK_DISABLE_AFTER_MS (pnpm webhooks list)',
    (row) => row.webhookEndpointsDisabled,
  );
  new Gauge({
    name: 'autodoctor_database_up',
    help: '1 when the scrape could read the database, else 0 (the database gauges then keep their last values)',
    registers: [registry],
    async collect() {
      this.set((await read()) ? 1 : 0);
    },
  });
  return metrics;
}

type DatabaseGauges = {
  queued: number;
  oldest: number;
  owed: number;
  mailPending: number;
  mailDead: number;
  mailOldestPending: number;
  webhooksPending: number;
  webhookEndpointsDisabled: number;
};

export type Metrics = ReturnType<typeof createMetrics>;
