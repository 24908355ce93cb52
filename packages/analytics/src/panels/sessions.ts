import { sql } from 'drizzle-orm';
import { histogramPercentiles } from '../histogram.ts';
import type { ParsedAnalyticsInput } from '../input.ts';
import {
  BUCKET_COLUMN,
  bucketCtes,
  bucketIndex,
  bucketLabel,
  definePanel,
  rangeFrom,
  rangeTo,
} from '../panel.ts';
import {
  ACCEPT_WAIT_ROLLUP,
  cumulativeWindow,
  liveOutside,
  rolledHistogram,
  rollupFacts,
  SESSION_ROLLUP,
} from '../rollups.ts';

/** `session_facts` (`at`, `type`, `created`, `abandoned`, `accepted`): the range's, rolled up or live. */
const sessionFactsCtes = (input: ParsedAnalyticsInput) =>
  rollupFacts(SESSION_ROLLUP, 'session_facts', rangeFrom(input), rangeTo(input));

/** Sessions created per bucket, by type (free / credit / paid), and their total. */
export const sessionsCreated = definePanel(
  [
    BUCKET_COLUMN,
    { key: 'free', label: 'Free', unit: 'count' },
    { key: 'credit', label: 'Credit', unit: 'count' },
    { key: 'paid', label: 'Paid', unit: 'count' },
    { key: 'total', label: 'Total', unit: 'count' },
  ],
  (input) => sql`
    WITH ${bucketCtes(input)}, ${sessionFactsCtes(input)}, counts AS (
      SELECT ${bucketIndex(sql`at`)} AS i,
             sum(created) FILTER (WHERE type = 'free')::int AS free,
             sum(created) FILTER (WHERE type = 'credit')::int AS credit,
             sum(created) FILTER (WHERE type = 'paid')::int AS paid,
             sum(created)::int AS total
      FROM session_facts WHERE created > 0
      GROUP BY 1)
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket,
           coalesce(c.free, 0) AS free, coalesce(c.credit, 0) AS credit,
           coalesce(c.paid, 0) AS paid, coalesce(c.total, 0) AS total
    FROM buckets AS b LEFT JOIN counts AS c USING (i)
    ORDER BY b.bucket`,
);

/**
 * Time to accept per bucket of the accept: from entering the queue (its creation, or a scheduled
 * session's due time) to a mechanic's accept, in seconds: how many accepts, and p50 / p90 / p99
 * read from the waits' histogram (approximate: within 2.5 % + 0.5 s of percentile_cont, see
 * histogram.ts; the labels say so). A bucket without accepts shows 0 accepts and 0 s.
 */
export const timeToAccept = definePanel(
  [
    BUCKET_COLUMN,
    { key: 'accepted', label: 'Accepted', unit: 'count' },
    { key: 'p50', label: 'p50 (approx. ±2.5 %)', unit: 'seconds' },
    { key: 'p90', label: 'p90 (approx. ±2.5 %)', unit: 'seconds' },
    { key: 'p99', label: 'p99 (approx. ±2.5 %)', unit: 'seconds' },
  ],
  (input) => sql`
    WITH ${bucketCtes(input)}, ${cumulativeWindow(ACCEPT_WAIT_ROLLUP, 'waits', rangeFrom(input), rangeTo(input))},
    hist AS (
      SELECT i, bin, sum(n) AS n FROM (
        -- Each bucket's whole quarter-hours the rollup has: two rows of it, then the rest live.
        ${rolledHistogram(
          ACCEPT_WAIT_ROLLUP,
          sql`SELECT i, greatest(bucket AT TIME ZONE ${input.timeZone}, w.lo) AS a, least(bucket_end, w.hi) AS b
              FROM buckets CROSS JOIN waits_window AS w`,
        )}
        UNION ALL
        SELECT ${bucketIndex(sql`at`)}, bin, n
        FROM (${liveOutside(ACCEPT_WAIT_ROLLUP, 'waits', rangeFrom(input), rangeTo(input))}) AS live) AS parts
      GROUP BY 1, 2 HAVING sum(n) > 0
    ), stats AS (${histogramPercentiles('hist', 'i', [0.5, 0.9, 0.99])})
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket, coalesce(s.total, 0)::int AS accepted,
           round(coalesce(s.p1, 0)::numeric, 1)::float8 AS p50,
           round(coalesce(s.p2, 0)::numeric, 1)::float8 AS p90,
           round(coalesce(s.p3, 0)::numeric, 1)::float8 AS p99
    FROM buckets AS b LEFT JOIN stats AS s USING (i)
    ORDER BY b.bucket`,
);

/**
 * Abandonment per bucket of creation: sessions cancelled or expired before any mechanic accepted
 * them, and their share of the bucket's sessions in percent (one decimal; 0 without sessions).
 */
export const abandonment = definePanel(
  [
    BUCKET_COLUMN,
    { key: 'created', label: 'Created', unit: 'count' },
    { key: 'abandoned', label: 'Abandoned', unit: 'count' },
    { key: 'rate', label: 'Abandonment rate', unit: 'percent' },
  ],
  (input) => sql`
    WITH ${bucketCtes(input)}, ${sessionFactsCtes(input)}, counts AS (
      SELECT ${bucketIndex(sql`at`)} AS i, sum(created)::int AS created, sum(abandoned)::int AS abandoned
      FROM session_facts WHERE created > 0
      GROUP BY 1)
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket, coalesce(c.created, 0) AS created,
           coalesce(c.abandoned, 0) AS abandoned,
           CASE WHEN coalesce(c.created, 0) = 0 THEN 0
                ELSE round(100.0 * c.abandoned / c.created, 1)::float8 END AS rate
    FROM buckets AS b LEFT JOIN counts AS c USING (i)
    ORDER BY b.bucket`,
);

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Intakes (sessions created) against accepts, by weekday and hour of the operator's time zone:
 * 7 × 24 rows, Monday 00:00 first, where the queue backs up. The bucket size plays no part.
 */
export const intakeHeatmap = definePanel(
  [
    { key: 'weekday', label: 'Weekday' },
    { key: 'hour', label: 'Hour', unit: 'count' },
    { key: 'intakes', label: 'Intakes', unit: 'count' },
    { key: 'accepts', label: 'Accepts', unit: 'count' },
  ],
  (input) => sql`
    WITH ${bucketCtes(input, 'hour')}, ${sessionFactsCtes(input)}, hours AS (
      SELECT ${bucketIndex(sql`at`)} AS i, sum(created)::int AS intakes, sum(accepted)::int AS accepts
      FROM session_facts GROUP BY 1
    ), cells AS (
      SELECT extract(isodow FROM b.bucket)::int AS dow, extract(hour FROM b.bucket)::int AS hour,
             sum(hours.intakes)::int AS intakes, sum(hours.accepts)::int AS accepts
      FROM buckets AS b LEFT JOIN hours USING (i)
      GROUP BY 1, 2)
    SELECT (${sql.raw(`ARRAY[${WEEKDAYS.map((day) => `'${day}'`).join(', ')}]`)})[d.dow] AS weekday, h.hour,
           coalesce(c.intakes, 0) AS intakes, coalesce(c.accepts, 0) AS accepts
    FROM generate_series(1, 7) AS d(dow) CROSS JOIN generate_series(0, 23) AS h(hour)
    LEFT JOIN cells AS c ON c.dow = d.dow AND c.hour = h.hour
    ORDER BY d.dow, h.hour`,
);
