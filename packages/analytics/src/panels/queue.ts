import { sql } from 'drizzle-orm';
import { BUCKET_COLUMN, bucketCtes, bucketLabel, definePanel } from '../panel.ts';
import { QUEUE_LOOKBACK, queueStints, slotOf } from '../rollups.ts';

/**
 * The queue over time, reconstructed from the audit log: a session is queued from its `created`
 * event (created pending) or `entered_queue` event (a scheduled one came due) until its
 * `assignment_accepted`, `cancelled` or `expired` event. Per bucket, at its end (or now, for the
 * current bucket): how many were queued and the oldest one's wait in seconds — from the queue
 * rollup when that moment is a quarter-hour boundary it covers, else from the events.
 */
export const queueOverTime = definePanel(
  [
    BUCKET_COLUMN,
    { key: 'queued', label: 'Queued at bucket end', unit: 'count' },
    { key: 'oldest_wait', label: 'Oldest wait', unit: 'seconds' },
  ],
  (input) => sql`
    WITH ${bucketCtes(input)}, moments AS (
      SELECT bucket, at,
             at < coalesce((SELECT complete_until FROM analytics_rollups WHERE name = 'queue_slots'), '-infinity')
               AND at = ${slotOf('15 minutes', sql`at`)} AS rolled_up
      FROM (SELECT bucket, least(bucket_end, now()) AS at FROM buckets) AS ends)
    SELECT ${bucketLabel(input, sql`m.bucket`)} AS bucket,
           coalesce(CASE WHEN m.rolled_up THEN r.queued ELSE q.queued END, 0) AS queued,
           coalesce(round(date_part('epoch', m.at - CASE WHEN m.rolled_up THEN r.oldest_entered_at ELSE q.oldest END)), 0)::float8
             AS oldest_wait
    FROM moments AS m
    LEFT JOIN analytics_queue_slots AS r ON m.rolled_up AND r.at = m.at
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS queued, min(entered_at) AS oldest
      FROM (${queueStints(sql`m.at - interval '${sql.raw(QUEUE_LOOKBACK)}'`, sql`m.at`)}) AS stints
      WHERE NOT m.rolled_up AND (left_at IS NULL OR left_at > m.at)
    ) AS q ON true
    ORDER BY m.bucket`,
);

/** The queue now (the range plays no part): sessions waiting for a mechanic and the oldest one's wait. */
export const queueNow = definePanel(
  [
    { key: 'queued', label: 'Queued now', unit: 'count' },
    { key: 'oldest_wait', label: 'Oldest wait', unit: 'seconds' },
  ],
  () => sql`
    SELECT count(*)::int AS queued,
           coalesce(round(date_part('epoch', now() - min(greatest(created_at, coalesce(scheduled_for, created_at))))), 0)::float8
             AS oldest_wait
    FROM sessions WHERE status = 'pending'`,
);
