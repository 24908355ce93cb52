import { sql } from 'drizzle-orm';
import { BUCKET_COLUMN, bucketCtes, bucketLabel, definePanel } from '../panel.ts';

/**
 * How far back a queue stint is looked for: sessions pending for 2 hours expire
 * (`expire_orphaned_sessions`), so one still queued at a moment entered the queue within this
 * window, with room to spare for an expiry job running late.
 */
export const QUEUE_LOOKBACK = '6 hours';

/**
 * The queue over time, reconstructed from the audit log: a session is queued from its `created`
 * event (created pending) or `entered_queue` event (a scheduled one came due) until its
 * `assignment_accepted`, `cancelled` or `expired` event. Per bucket, at its end (or now, for the
 * current bucket): how many were queued and the oldest one's wait in seconds.
 */
export const queueOverTime = definePanel(
  [
    BUCKET_COLUMN,
    { key: 'queued', label: 'Queued at bucket end', unit: 'count' },
    { key: 'oldest_wait', label: 'Oldest wait', unit: 'seconds' },
  ],
  (input) => sql`
    WITH ${bucketCtes(input)}
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket, count(q.session_id)::int AS queued,
           coalesce(round(date_part('epoch', max(b.at - q.entered_at))), 0)::float8 AS oldest_wait
    FROM (SELECT bucket, least(bucket_end, now()) AS at FROM buckets) AS b
    LEFT JOIN LATERAL (
      SELECT entry.session_id, entry.created_at AS entered_at
      FROM session_events AS entry
      WHERE (entry.type = 'entered_queue' OR (entry.type = 'created' AND entry.payload->>'status' = 'pending'))
        AND entry.created_at > b.at - interval '${sql.raw(QUEUE_LOOKBACK)}' AND entry.created_at <= b.at
        AND NOT EXISTS (
          SELECT 1 FROM session_events AS leaving
          WHERE leaving.session_id = entry.session_id
            AND leaving.type IN ('assignment_accepted', 'cancelled', 'expired')
            AND leaving.created_at >= entry.created_at AND leaving.created_at <= b.at)
    ) AS q ON true
    GROUP BY b.bucket
    ORDER BY b.bucket`,
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
