import type { Database, Transaction } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';

/**
 * How every rollup settles: slots older than `settleHours` are written as final (a pending
 * session expires after 2 hours, so its figures have long settled after 6), and each refresh
 * rebuilds the last `resyncHours` before its watermark as well, so a late move (an operator's
 * cancel, say) is caught.
 */
export const ROLLUP_SETTLING = { settleHours: 6, resyncHours: 24 } as const;

/** A rollup's slot: a UTC quarter-hour (local hours and days are unions of them) or a UTC day. */
export type SlotSize = '15 minutes' | '1 day';

/** The start (UTC) of the slot `ts` falls in. */
export const slotOf = (size: SlotSize, ts: SQL) => sql`date_bin(${sql.raw(`'${size}'`)}, ${ts}, 'epoch')`;

/**
 * A rollup whose rows are sums of facts: `facts(from, to)` selects, from the live tables, every
 * fact whose time is in [from, to) as `at` (timestamptz), then `keys`, then `measures` (summed),
 * then, for a histogram rollup, `bin` (null: no wait in this fact) and `n`. Its table holds per
 * slot and keys the measures' sums (and the histogram as `bins`/`counts` arrays). Panels read
 * `rollupFacts`: the table for whole slots before the watermark, `facts` for the rest, so their
 * figures are the same whether or not the job has run.
 */
export interface FactsRollup {
  /** Its row in `analytics_rollups`. */
  name: string;
  table: string;
  slotColumn: string;
  size: SlotSize;
  keys: readonly string[];
  measures: readonly string[];
  histogram: boolean;
  facts: (from: SQL, to: SQL) => SQL;
}

const id = (name: string): SQL => sql`${sql.identifier(name)}`;
const ids = (names: readonly string[]) => names.map(id);
const list = (items: SQL[]) => sql.join(items, sql`, `);

/** The INSERT that writes a facts rollup's slots for [from, until). */
function buildFactsRollup(rollup: FactsRollup, from: SQL, until: SQL): SQL {
  const slot = id(rollup.slotColumn);
  const keys = ids(rollup.keys);
  const sums = rollup.measures.map((m) => sql`sum(${sql.identifier(m)}) AS ${sql.identifier(m)}`);
  const grouped = [slot, ...keys];
  if (!rollup.histogram)
    return sql`
      INSERT INTO ${sql.identifier(rollup.table)} (${list([...grouped, ...ids(rollup.measures)])})
      SELECT ${list([sql`${slotOf(rollup.size, sql`at`)} AS ${slot}`, ...keys, ...sums])}
      FROM (${rollup.facts(from, until)}) AS facts
      GROUP BY ${list(grouped)}`;
  // Per bin first, then each slot's bins and counts as two arrays (a row without waits: empty).
  return sql`
    INSERT INTO ${sql.identifier(rollup.table)} (${list([...grouped, ...ids(rollup.measures), sql`bins`, sql`counts`])})
    SELECT ${list([
      ...grouped,
      ...sums,
      sql`coalesce(array_agg(bin ORDER BY bin) FILTER (WHERE n > 0), '{}')`,
      sql`coalesce(array_agg(n ORDER BY bin) FILTER (WHERE n > 0), '{}')`,
    ])}
    FROM (
      SELECT ${list([
        sql`${slotOf(rollup.size, sql`at`)} AS ${slot}`,
        ...keys,
        ...sums,
        sql`bin`,
        sql`sum(n)::int AS n`,
      ])}
      FROM (${rollup.facts(from, until)}) AS facts
      GROUP BY ${list([...grouped, sql`bin`])}) AS per_bin
    GROUP BY ${list(grouped)}`;
}

/**
 * CTEs `<cte>_window` (`lo`, `hi`: the whole slots of [from, to) the rollup has complete) and
 * `<cte>`: the facts of [from, to) (`from` null: from the start of time) as `at`, keys, measures
 * and, for a histogram rollup, `bins` and `counts` arrays — the rollup's rows for its slots in
 * [lo, hi), the live facts for the rest (the partial slot at the start, and from the watermark on).
 */
export function rollupFacts(rollup: FactsRollup, cte: string, from: SQL | null, to: SQL): SQL {
  const window = sql.identifier(`${cte}_window`);
  const lo = sql`(SELECT lo FROM ${window})`;
  const hi = sql`(SELECT hi FROM ${window})`;
  const slot = id(rollup.slotColumn);
  const keys = ids(rollup.keys);
  const measures = ids(rollup.measures);
  const histogram = rollup.histogram ? [sql`bins`, sql`counts`] : [];
  const live = (start: SQL, end: SQL) =>
    rollup.histogram
      ? sql`SELECT ${list([
          sql`at`,
          ...keys,
          ...measures,
          sql`CASE WHEN bin IS NULL THEN '{}'::smallint[] ELSE ARRAY[bin] END`,
          sql`CASE WHEN bin IS NULL THEN '{}'::int[] ELSE ARRAY[n] END`,
        ])} FROM (${rollup.facts(start, end)}) AS facts`
      : rollup.facts(start, end);
  const size = sql.raw(`'${rollup.size}'::interval`);
  const firstSlot = from
    ? sql`${slotOf(rollup.size, sql`${from} - interval '1 microsecond'`)} + ${size}`
    : sql`'-infinity'::timestamptz`;
  return sql`
  ${window} AS (
    SELECT lo, greatest(lo, least(${slotOf(rollup.size, to)},
             coalesce((SELECT complete_until FROM analytics_rollups WHERE name = ${rollup.name}), '-infinity'))) AS hi
    FROM (SELECT ${firstSlot} AS lo) AS start
  ), ${sql.identifier(cte)} AS (
    SELECT ${list([sql`${slot} AS at`, ...keys, ...measures, ...histogram])}
    FROM ${sql.identifier(rollup.table)} WHERE ${slot} >= ${lo} AND ${slot} < ${hi}
    ${from ? sql`UNION ALL ${live(from, sql`least(${lo}, ${to})`)}` : sql``}
    UNION ALL ${live(hi, to)})`;
}

/** Waits from entering the queue (creation, or a scheduled session's due time) to the accept, in seconds. */
const waitSeconds = (acceptedAt: SQL, createdAt: SQL, scheduledFor: SQL) =>
  sql`date_part('epoch', ${acceptedAt} - greatest(${createdAt}, coalesce(${scheduledFor}, ${createdAt})))`;

/** Sessions per quarter-hour and type: created, of those abandoned, and accepted (by accept time). */
export const SESSION_ROLLUP: FactsRollup = {
  name: 'session_slots',
  table: 'analytics_session_slots',
  slotColumn: 'slot',
  size: '15 minutes',
  keys: ['type'],
  measures: ['created', 'abandoned', 'accepted'],
  histogram: false,
  facts: (from, to) => sql`
    SELECT created_at AS at, type, 1 AS created,
           (status IN ('cancelled', 'expired') AND accepted_at IS NULL)::int AS abandoned, 0 AS accepted
    FROM sessions WHERE created_at >= ${from} AND created_at < ${to}
    UNION ALL
    SELECT accepted_at, type, 0, 0, 1
    FROM sessions WHERE accepted_at >= ${from} AND accepted_at < ${to}`,
};

/** Accept waits per quarter-hour of the accept, as a histogram (`analytics_wait_bin`). */
export const ACCEPT_WAIT_ROLLUP: FactsRollup = {
  name: 'accept_wait_slots',
  table: 'analytics_accept_wait_slots',
  slotColumn: 'slot',
  size: '15 minutes',
  keys: [],
  measures: [],
  histogram: true,
  facts: (from, to) => sql`
    SELECT accepted_at AS at,
           analytics_wait_bin(${waitSeconds(sql`accepted_at`, sql`created_at`, sql`scheduled_for`)}) AS bin, 1 AS n
    FROM sessions WHERE accepted_at >= ${from} AND accepted_at < ${to}`,
};

/**
 * Money per quarter-hour and currency, in integer cents: paid sessions' card payments, credit
 * sessions' value (the pack's price per credit, rounded half up), credit packs sold, card refunds
 * (currency '' when the refund's session is unknown), quotes sent and approved, mechanics' earnings
 * and payouts.
 */
export const MONEY_ROLLUP: FactsRollup = {
  name: 'money_slots',
  table: 'analytics_money_slots',
  slotColumn: 'slot',
  size: '15 minutes',
  keys: ['currency'],
  measures: [
    'paid_cents',
    'credit_cents',
    'packs_sold',
    'packs_cents',
    'refunds',
    'refunds_cents',
    'quotes_sent',
    'sent_cents',
    'quotes_approved',
    'approved_cents',
    'earned_cents',
    'paid_out_cents',
  ],
  histogram: false,
  // Columns: at, currency, then the measures in the order above.
  facts: (from, to) => sql`
    SELECT s.created_at AS at,
           coalesce(CASE WHEN s.type = 'paid' THEN s.currency ELSE cp.currency END, '') AS currency,
           CASE WHEN s.type = 'paid' THEN s.charged_amount_cents::bigint ELSE 0 END AS paid_cents,
           CASE WHEN s.type = 'credit' AND cp.id IS NOT NULL
                THEN (cp.amount_cents::bigint * s.charged_credits * 2 + cp.credits) / (2 * cp.credits) ELSE 0 END
             AS credit_cents,
           0 AS packs_sold, 0::bigint AS packs_cents, 0 AS refunds, 0::bigint AS refunds_cents,
           0 AS quotes_sent, 0::bigint AS sent_cents, 0 AS quotes_approved, 0::bigint AS approved_cents,
           0::bigint AS earned_cents, 0::bigint AS paid_out_cents
    FROM sessions AS s LEFT JOIN credit_purchases AS cp ON cp.id = s.credit_purchase_id
    WHERE s.created_at >= ${from} AND s.created_at < ${to} AND s.type IN ('paid', 'credit')
    UNION ALL
    SELECT completed_at, currency, 0, 0, 1, amount_cents, 0, 0, 0, 0, 0, 0, 0, 0
    FROM credit_purchases WHERE status = 'completed' AND completed_at >= ${from} AND completed_at < ${to}
    UNION ALL
    SELECT r.refunded_at, coalesce(s.currency, ''), 0, 0, 0, 0, 1, coalesce(s.charged_amount_cents, 0), 0, 0, 0, 0, 0, 0
    FROM stripe_refunds AS r LEFT JOIN sessions AS s ON s.id = r.session_id
    WHERE r.refunded_at IS NOT NULL AND r.refunded_at >= ${from} AND r.refunded_at < ${to}
    UNION ALL
    SELECT sent_at, currency, 0, 0, 0, 0, 0, 0, 1, total_cents, 0, 0, 0, 0
    FROM quotes WHERE sent_at IS NOT NULL AND sent_at >= ${from} AND sent_at < ${to}
    UNION ALL
    SELECT d.decided_at, q.currency, 0, 0, 0, 0, 0, 0, 0, 0, 1, d.approved_total_cents, 0, 0
    FROM quote_decisions AS d JOIN quotes AS q ON q.id = d.quote_id
    WHERE d.approved_total_cents > 0 AND d.decided_at >= ${from} AND d.decided_at < ${to}
    UNION ALL
    SELECT created_at, currency, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           CASE WHEN kind <> 'payout' THEN amount_cents ELSE 0 END, CASE WHEN kind = 'payout' THEN -amount_cents ELSE 0 END
    FROM mechanic_earnings WHERE created_at >= ${from} AND created_at < ${to}`,
};

/** Ratings per mechanic and UTC day: how many, their stars' sum, each star count. */
export const RATING_ROLLUP: FactsRollup = {
  name: 'rating_days',
  table: 'analytics_rating_days',
  slotColumn: 'day',
  size: '1 day',
  keys: ['mechanic_user_id'],
  measures: ['ratings', 'stars_sum', 'stars_1', 'stars_2', 'stars_3', 'stars_4', 'stars_5'],
  histogram: false,
  facts: (from, to) => sql`
    SELECT created_at AS at, mechanic_user_id, 1 AS ratings, stars AS stars_sum,
           (stars = 1)::int AS stars_1, (stars = 2)::int AS stars_2, (stars = 3)::int AS stars_3,
           (stars = 4)::int AS stars_4, (stars = 5)::int AS stars_5
    FROM session_ratings WHERE created_at >= ${from} AND created_at < ${to}`,
};

/**
 * Per mechanic and UTC day: their accepts' waits (a histogram; the assignment has the accept and
 * the queue entry, a scheduled session's due time comes from the session) and the microseconds
 * their sessions were live (a session live over midnight counts in both days; a live one up to now).
 */
export const MECHANIC_ROLLUP: FactsRollup = {
  name: 'mechanic_days',
  table: 'analytics_mechanic_days',
  slotColumn: 'day',
  size: '1 day',
  keys: ['mechanic_user_id'],
  measures: ['live_microseconds'],
  histogram: true,
  facts: (from, to) => sql`
    SELECT a.accepted_at AS at, a.mechanic_user_id, 0::bigint AS live_microseconds,
           analytics_wait_bin(${waitSeconds(sql`a.accepted_at`, sql`a.created_at`, sql`s.scheduled_for`)}) AS bin, 1 AS n
    FROM session_assignments AS a JOIN sessions AS s ON s.id = a.session_id
    WHERE a.accepted_at >= ${from} AND a.accepted_at < ${to} AND a.mechanic_user_id IS NOT NULL
    UNION ALL
    SELECT greatest(day, ${from}), a.mechanic_user_id,
           (extract(epoch FROM least(coalesce(s.ended_at, now()), ${to}, day + interval '1 day')
                               - greatest(s.started_at, ${from}, day)) * 1000000)::bigint,
           NULL::smallint, 0
    FROM sessions AS s
    -- Each session's assignment by its unique index (OFFSET 0: not a hash join over every assignment).
    CROSS JOIN LATERAL (SELECT mechanic_user_id FROM session_assignments
                        WHERE session_id = s.id AND mechanic_user_id IS NOT NULL OFFSET 0) AS a
    CROSS JOIN LATERAL generate_series(${slotOf('1 day', sql`greatest(s.started_at, ${from})`)},
                                       least(coalesce(s.ended_at, now()), ${to}) - interval '1 microsecond',
                                       interval '1 day') AS days(day)
    -- The GiST index of live periods; a session without an end counts only while live.
    WHERE tstzrange(s.started_at, s.ended_at) && tstzrange(${from}, greatest(${from}, ${to})) AND s.started_at IS NOT NULL
      AND (s.ended_at IS NOT NULL OR s.status = 'live')`,
};

const FACTS_ROLLUPS = [SESSION_ROLLUP, ACCEPT_WAIT_ROLLUP, MONEY_ROLLUP, RATING_ROLLUP, MECHANIC_ROLLUP];

/**
 * How far back a queue stint is looked for: sessions pending for 2 hours expire
 * (`expire_orphaned_sessions`), so one still queued at a moment entered the queue within this
 * window, with room to spare for an expiry job running late.
 */
export const QUEUE_LOOKBACK = '6 hours';

/** Events that put a session in the queue: created pending, or a scheduled one coming due. */
export const queueEntry = (e: SQL) =>
  sql`(${e}.type = 'entered_queue' OR (${e}.type = 'created' AND ${e}.payload->>'status' = 'pending'))`;

/**
 * The queue's stints entered in (after, before]: each entry event and when it left the queue (its
 * session's first accept, cancel or expiry at or after the entry; null: still queued).
 */
export const queueStints = (after: SQL, before: SQL) => sql`
  SELECT entry.created_at AS entered_at,
         (SELECT min(leaving.created_at) FROM session_events AS leaving
          WHERE leaving.session_id = entry.session_id
            AND leaving.type IN ('assignment_accepted', 'cancelled', 'expired')
            AND leaving.created_at >= entry.created_at) AS left_at
  FROM session_events AS entry
  WHERE ${queueEntry(sql`entry`)} AND entry.created_at > ${after} AND entry.created_at <= ${before}`;

/**
 * The queue at each quarter-hour boundary `at` in [from, until): an entry is queued at `at` if it
 * entered at or before `at`, within `QUEUE_LOOKBACK`, and had not left by `at`.
 */
function buildQueueRollup(from: SQL, until: SQL): SQL {
  const lookback = sql.raw(`interval '${QUEUE_LOOKBACK}'`);
  return sql`
    INSERT INTO analytics_queue_slots (at, queued, oldest_entered_at)
    SELECT at, count(*)::int, min(entered_at)
    FROM (${queueStints(sql`${from} - ${lookback}`, until)}) AS stints
    CROSS JOIN LATERAL generate_series(
      greatest(${slotOf('15 minutes', sql`entered_at - interval '1 microsecond'`)} + interval '15 minutes', ${from}),
      least(coalesce(left_at, 'infinity'), entered_at + ${lookback}, ${until}) - interval '1 microsecond',
      interval '15 minutes') AS boundaries(at)
    GROUP BY at`;
}

/** Every rollup the job keeps: its watermark's name, slot size, table and how its slots are written. */
const ROLLUPS: {
  name: string;
  size: SlotSize;
  table: string;
  slotColumn: string;
  build: typeof buildQueueRollup;
}[] = [
  ...FACTS_ROLLUPS.map((rollup) => ({
    ...rollup,
    build: (from: SQL, until: SQL) => buildFactsRollup(rollup, from, until),
  })),
  {
    name: 'queue_slots',
    size: '15 minutes',
    table: 'analytics_queue_slots',
    slotColumn: 'at',
    build: buildQueueRollup,
  },
];

/**
 * Rebuilds every rollup from its watermark less `resyncHours` (everything, the first time) up to
 * its last slot older than `settleHours`, and moves each watermark there. Returns the earliest
 * watermark and the rows written. Run by a scheduled job; two at once wait for each other (the
 * watermarks' row locks). The panels never depend on it having run: whatever it has not covered
 * they read from the live tables.
 */
export async function refreshAnalyticsRollups(
  db: Database | Transaction,
): Promise<{ completeUntil: Date; slots: number }> {
  return db.transaction(async (tx) => {
    let slots = 0;
    let completeUntil: Date | undefined;
    for (const rollup of ROLLUPS) {
      await tx.execute(sql`
        INSERT INTO analytics_rollups (name, complete_until) VALUES (${rollup.name}, '-infinity')
        ON CONFLICT (name) DO NOTHING`);
      const [window] = await tx.execute<{ rebuild_from: string; until: string }>(sql`
        -- As ISO 8601 text ('-infinity' the first time): postgres.js would make an invalid Date of it.
        SELECT to_json(complete_until - make_interval(hours => ${ROLLUP_SETTLING.resyncHours})) #>> '{}' AS rebuild_from,
               to_json(greatest(complete_until,
                                ${slotOf(rollup.size, sql`now() - make_interval(hours => ${ROLLUP_SETTLING.settleHours})`)})) #>> '{}'
                 AS until
        FROM analytics_rollups WHERE name = ${rollup.name} FOR UPDATE`);
      if (!window) throw new Error(`analytics_rollups has no ${rollup.name} row`);
      const from = sql`${window.rebuild_from}::timestamptz`;
      const until = sql`${window.until}::timestamptz`;
      await tx.execute(
        sql`DELETE FROM ${sql.identifier(rollup.table)} WHERE ${sql.identifier(rollup.slotColumn)} >= ${from}`,
      );
      const [written] = await tx.execute<{ rows: number }>(sql`
        WITH written AS (${rollup.build(from, until)} RETURNING 1) SELECT count(*)::int AS rows FROM written`);
      slots += written?.rows ?? 0;
      await tx.execute(sql`
        UPDATE analytics_rollups SET complete_until = ${until}, refreshed_at = now() WHERE name = ${rollup.name}`);
      const until_ = new Date(window.until);
      if (!completeUntil || until_ < completeUntil) completeUntil = until_;
    }
    return { completeUntil: completeUntil!, slots };
  });
}
