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
 * fact whose time is in [from, to) as `at` (timestamptz), then `keys`, then `measures`. Its table
 * holds per slot and keys the measures' sums. Panels read `rollupFacts`: the table for whole slots
 * before the watermark, `facts` for the rest, so their figures are the same whether or not the job
 * has run.
 */
export interface FactsRollup {
  /** Its row in `analytics_rollups`. */
  name: string;
  table: string;
  slotColumn: string;
  size: SlotSize;
  keys: readonly string[];
  measures: readonly string[];
  facts: (from: SQL, to: SQL) => SQL;
}

const id = (name: string): SQL => sql`${sql.identifier(name)}`;
const ids = (names: readonly string[]) => names.map(id);
const list = (items: SQL[]) => sql.join(items, sql`, `);
const interval = (size: SlotSize) => sql.raw(`'${size}'::interval`);

/** The INSERT that writes a facts rollup's slots for [from, until). */
function buildFactsRollup(rollup: FactsRollup, from: SQL, until: SQL): SQL {
  const slot = id(rollup.slotColumn);
  const keys = ids(rollup.keys);
  const sums = rollup.measures.map((m) => sql`sum(${sql.identifier(m)}) AS ${sql.identifier(m)}`);
  return sql`
    INSERT INTO ${sql.identifier(rollup.table)} (${list([slot, ...keys, ...ids(rollup.measures)])})
    SELECT ${list([sql`${slotOf(rollup.size, sql`at`)} AS ${slot}`, ...keys, ...sums])}
    FROM (${rollup.facts(from, until)}) AS facts
    GROUP BY ${list([slot, ...keys])}`;
}

/**
 * CTE `<cte>_window` (`lo`, `hi`): the whole slots of [from, to) (`from` null: from the start of
 * time) that a rollup has complete — from the first slot boundary at or after `from` to its
 * watermark or the last boundary before `to`.
 */
function rollupWindow(rollup: { name: string; size: SlotSize }, cte: string, from: SQL | null, to: SQL): SQL {
  const firstSlot = from
    ? sql`${slotOf(rollup.size, sql`${from} - interval '1 microsecond'`)} + ${interval(rollup.size)}`
    : sql`'-infinity'::timestamptz`;
  return sql`
  ${sql.identifier(`${cte}_window`)} AS (
    SELECT lo, greatest(lo, least(${slotOf(rollup.size, to)},
             coalesce((SELECT complete_until FROM analytics_rollups WHERE name = ${rollup.name}), '-infinity'))) AS hi
    FROM (SELECT ${firstSlot} AS lo) AS start)`;
}

/**
 * CTEs `<cte>_window` (see `rollupWindow`) and `<cte>`: the facts of [from, to) (`from` null:
 * from the start of time) as `at`, keys and measures — the rollup's rows for its slots in [lo, hi),
 * the live facts for the rest (the partial slot at the start, and from the watermark on).
 */
export function rollupFacts(rollup: FactsRollup, cte: string, from: SQL | null, to: SQL): SQL {
  const window = sql.identifier(`${cte}_window`);
  const lo = sql`(SELECT lo FROM ${window})`;
  const hi = sql`(SELECT hi FROM ${window})`;
  const slot = id(rollup.slotColumn);
  return sql`
  ${rollupWindow(rollup, cte, from, to)}, ${sql.identifier(cte)} AS (
    SELECT ${list([sql`${slot} AS at`, ...ids(rollup.keys), ...ids(rollup.measures)])}
    FROM ${sql.identifier(rollup.table)} WHERE ${slot} >= ${lo} AND ${slot} < ${hi}
    ${from ? sql`UNION ALL ${rollup.facts(from, sql`least(${lo}, ${to})`)}` : sql``}
    UNION ALL ${rollup.facts(hi, to)})`;
}

/**
 * A cumulative histogram of waits: `facts(from, to)` selects every wait whose time is in
 * [from, to) as `at`, `keys`, `bin` (`analytics_wait_bin`) and `n`. Its table holds, at each slot
 * boundary from a key's first slot on, the key's waits before it per bin (`bins`, `counts`: the
 * bins used so far). Percentiles do not add up, histograms do: the histogram of any whole slots is
 * the difference of two rows (`rolledHistogram`), so a year costs two rows per key and bucket.
 */
export interface CumulativeRollup {
  name: string;
  table: string;
  slotColumn: string;
  size: SlotSize;
  keys: readonly string[];
  facts: (from: SQL, to: SQL) => SQL;
}

/**
 * The INSERT that writes a cumulative rollup's boundaries in (from, until]: its row at `from`
 * (kept by the refresh) plus the waits since, per key and every bin it has used.
 */
function buildCumulativeRollup(rollup: CumulativeRollup, from: SQL, until: SQL): SQL {
  const slot = id(rollup.slotColumn);
  const keys = ids(rollup.keys);
  const size = interval(rollup.size);
  const on = (left: string, right: string) =>
    sql.join(
      [
        sql`true`,
        ...rollup.keys.map(
          (key) =>
            sql`${sql.identifier(left)}.${sql.identifier(key)} = ${sql.identifier(right)}.${sql.identifier(key)}`,
        ),
      ],
      sql` AND `,
    );
  const partition = list([...rollup.keys.map((key) => sql`g.${sql.identifier(key)}`), sql`b.bin`]);
  const keysOf = (alias: string) =>
    rollup.keys.map((key) => sql`${sql.identifier(alias)}.${sql.identifier(key)}`);
  return sql`
    WITH added AS (
      SELECT ${list([sql`${slotOf(rollup.size, sql`at`)} AS slot`, ...keys, sql`bin`, sql`sum(n)::int AS n`])}
      FROM (${rollup.facts(from, until)}) AS facts
      GROUP BY ${list([sql`1`, ...keys, sql`bin`])}
    ), base AS (
      SELECT ${list([...keys, sql`u.bin`, sql`u.n`])}
      FROM ${sql.identifier(rollup.table)} AS r CROSS JOIN LATERAL unnest(r.bins, r.counts) AS u(bin, n)
      WHERE r.${slot} = ${from}
    ), firsts AS (
      SELECT ${list([...keys, sql`min(slot) AS first`])} FROM (
        SELECT ${list([...keys, sql`slot`])} FROM added
        UNION ALL SELECT ${list([...keys, sql`${from}`])} FROM base) AS starts
      ${keys.length ? sql`GROUP BY ${list(keys)}` : sql``}
    ), used AS (
      SELECT DISTINCT ${list([...keys, sql`bin`])} FROM (
        SELECT ${list([...keys, sql`bin`])} FROM added UNION ALL SELECT ${list([...keys, sql`bin`])} FROM base) AS bins
    ), grid AS (
      SELECT ${list([...keys, sql`t`])} FROM firsts
      CROSS JOIN LATERAL generate_series(greatest(first, ${from}) + ${size}, ${until}, ${size}) AS boundaries(t)
    ), running AS (
      SELECT ${list([...keysOf('g'), sql`g.t`, sql`b.bin`])},
             coalesce(base.n, 0) + sum(coalesce(a.n, 0)) OVER (PARTITION BY ${partition} ORDER BY g.t) AS c
      FROM grid AS g JOIN used AS b ON ${on('g', 'b')}
      LEFT JOIN added AS a ON ${on('a', 'g')} AND a.bin = b.bin AND a.slot = g.t - ${size}
      LEFT JOIN base ON ${on('base', 'g')} AND base.bin = b.bin)
    INSERT INTO ${sql.identifier(rollup.table)} (${list([slot, ...keys, sql`bins`, sql`counts`])})
    SELECT ${list([
      sql`t`,
      ...keys,
      sql`coalesce(array_agg(bin ORDER BY bin) FILTER (WHERE c > 0), '{}')`,
      sql`coalesce(array_agg(c ORDER BY bin) FILTER (WHERE c > 0), '{}')`,
    ])}
    FROM running
    GROUP BY ${list([sql`t`, ...keys])}`;
}

/** CTE `<cte>_window` of a cumulative rollup: as `rollupWindow`. */
export const cumulativeWindow = (rollup: { name: string; size: SlotSize }, cte: string, from: SQL, to: SQL) =>
  rollupWindow(rollup, cte, from, to);

/**
 * The histogram of whole slots, per interval of `intervals` (`i`, `a`, `b`: boundaries the rollup
 * has, a < b; others give nothing): `i`, keys, `bin`, `n` — the row at `b` less the row at `a`
 * (no row: nothing yet). Bins whose difference is 0 come too.
 */
export const rolledHistogram = (rollup: CumulativeRollup, intervals: SQL) => sql`
  SELECT ${list([sql`iv.i`, ...rollup.keys.map((key) => sql`r.${sql.identifier(key)}`), sql`u.bin`, sql`u.n * p.sign AS n`])}
  FROM (${intervals}) AS iv
  CROSS JOIN LATERAL (VALUES (iv.a, -1), (iv.b, 1)) AS p(t, sign)
  JOIN ${sql.identifier(rollup.table)} AS r ON r.${id(rollup.slotColumn)} = p.t
  CROSS JOIN LATERAL unnest(r.bins, r.counts) AS u(bin, n)
  WHERE iv.a < iv.b`;

/** The live facts of [from, to) outside the window `<cte>_window`: the partial slot at the start, and from `hi` on. */
export const liveOutside = (
  rollup: { facts: (from: SQL, to: SQL) => SQL },
  cte: string,
  from: SQL,
  to: SQL,
) => {
  const window = sql.identifier(`${cte}_window`);
  return sql`
    ${rollup.facts(from, sql`least((SELECT lo FROM ${window}), ${to})`)}
    UNION ALL ${rollup.facts(sql`(SELECT hi FROM ${window})`, to)}`;
};

/**
 * The INSERT that writes a facts rollup kept as running totals (`MONEY_ROLLUP`): at each slot
 * boundary in (from, until], from a key's first slot on, each measure's sum over the facts before
 * it — its row at `from` (kept by the refresh) plus the facts since. Any whole slots' sums are the
 * difference of two rows (`rolledTotals`), so a year's day buckets read two rows each.
 */
function buildTotalsRollup(rollup: FactsRollup, from: SQL, until: SQL): SQL {
  const slot = id(rollup.slotColumn);
  const keys = ids(rollup.keys);
  const measures = ids(rollup.measures);
  const size = interval(rollup.size);
  const keysOf = (alias: string) =>
    rollup.keys.map((key) => sql`${sql.identifier(alias)}.${sql.identifier(key)}`);
  const on = (left: string, right: string) =>
    sql.join(
      [
        sql`true`,
        ...rollup.keys.map(
          (key) =>
            sql`${sql.identifier(left)}.${sql.identifier(key)} = ${sql.identifier(right)}.${sql.identifier(key)}`,
        ),
      ],
      sql` AND `,
    );
  return sql`
    WITH added AS (
      SELECT ${list([sql`${slotOf(rollup.size, sql`at`)} AS slot`, ...keys, ...rollup.measures.map((m) => sql`sum(${sql.identifier(m)}) AS ${sql.identifier(m)}`)])}
      FROM (${rollup.facts(from, until)}) AS facts
      GROUP BY ${list([sql`1`, ...keys])}
    ), base AS (
      SELECT ${list([...keys, ...measures])} FROM ${sql.identifier(rollup.table)} WHERE ${slot} = ${from}
    ), firsts AS (
      SELECT ${list([...keys, sql`min(slot) AS first`])} FROM (
        SELECT ${list([...keys, sql`slot`])} FROM added
        UNION ALL SELECT ${list([...keys, sql`${from}`])} FROM base) AS starts
      ${keys.length ? sql`GROUP BY ${list(keys)}` : sql``}
    ), grid AS (
      SELECT ${list([...keys, sql`t`])} FROM firsts
      CROSS JOIN LATERAL generate_series(greatest(first, ${from}) + ${size}, ${until}, ${size}) AS boundaries(t)
    )
    INSERT INTO ${sql.identifier(rollup.table)} (${list([slot, ...keys, ...measures])})
    SELECT ${list([
      sql`g.t`,
      ...keysOf('g'),
      ...rollup.measures.map(
        (m) =>
          sql`coalesce(base.${sql.identifier(m)}, 0) + sum(coalesce(a.${sql.identifier(m)}, 0)) OVER (${
            keys.length ? sql`PARTITION BY ${list(keysOf('g'))} ` : sql``
          }ORDER BY g.t)`,
      ),
    ])}
    FROM grid AS g
    LEFT JOIN added AS a ON ${on('a', 'g')} AND a.slot = g.t - ${size}
    LEFT JOIN base ON ${on('base', 'g')}`;
}

/**
 * The sums of whole slots of a running-totals rollup, per interval of `intervals` (`i`, `a`, `b`:
 * boundaries the rollup has, a < b; others give nothing): `i`, keys, measures — the row at `b` less
 * the row at `a` (no row at `a`: nothing before it).
 */
export const rolledTotals = (rollup: FactsRollup, intervals: SQL) => {
  const slot = id(rollup.slotColumn);
  return sql`
  SELECT ${list([
    sql`iv.i`,
    ...rollup.keys.map((key) => sql`rb.${sql.identifier(key)}`),
    ...rollup.measures.map(
      (m) => sql`rb.${sql.identifier(m)} - coalesce(ra.${sql.identifier(m)}, 0) AS ${sql.identifier(m)}`,
    ),
  ])}
  FROM (${intervals}) AS iv
  JOIN ${sql.identifier(rollup.table)} AS rb ON rb.${slot} = iv.b
  LEFT JOIN ${sql.identifier(rollup.table)} AS ra ON ra.${slot} = iv.a ${sql.join(
    rollup.keys.map((key) => sql` AND ra.${sql.identifier(key)} = rb.${sql.identifier(key)}`),
  )}
  WHERE iv.a < iv.b`;
};

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
  facts: (from, to) => sql`
    SELECT created_at AS at, type, 1 AS created,
           (status IN ('cancelled', 'expired') AND accepted_at IS NULL)::int AS abandoned, 0 AS accepted
    FROM sessions WHERE created_at >= ${from} AND created_at < ${to}
    UNION ALL
    SELECT accepted_at, type, 0, 0, 1
    FROM sessions WHERE accepted_at >= ${from} AND accepted_at < ${to}`,
};

/** Accept waits by quarter-hour of the accept, as a cumulative histogram (`analytics_wait_bin`). */
export const ACCEPT_WAIT_ROLLUP: CumulativeRollup = {
  name: 'accept_wait_slots',
  table: 'analytics_accept_wait_slots',
  slotColumn: 'slot',
  size: '15 minutes',
  keys: [],
  facts: (from, to) => sql`
    SELECT accepted_at AS at,
           analytics_wait_bin(${waitSeconds(sql`accepted_at`, sql`created_at`, sql`scheduled_for`)}) AS bin, 1 AS n
    FROM sessions WHERE accepted_at >= ${from} AND accepted_at < ${to}`,
};

/**
 * Money by quarter-hour and currency, in integer cents, as running totals (`buildTotalsRollup`):
 * paid sessions' card payments, credit sessions' value (the pack's price per credit, rounded half
 * up), credit packs sold, card refunds (currency '' when the refund's session is unknown), quotes
 * sent and approved, mechanics' earnings and payouts.
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
    FROM sessions AS s
    -- The pack by its key (OFFSET 0: not a hash join over every pack for a few hours' sessions).
    LEFT JOIN LATERAL (SELECT id, currency, amount_cents, credits FROM credit_purchases
                       WHERE id = s.credit_purchase_id OFFSET 0) AS cp ON true
    WHERE s.created_at >= ${from} AND s.created_at < ${to} AND s.type IN ('paid', 'credit')
    UNION ALL
    SELECT completed_at, currency, 0, 0, 1, amount_cents, 0, 0, 0, 0, 0, 0, 0, 0
    FROM credit_purchases WHERE status = 'completed' AND completed_at >= ${from} AND completed_at < ${to}
    UNION ALL
    SELECT r.refunded_at, coalesce(s.currency, ''), 0, 0, 0, 0, 1, coalesce(s.charged_amount_cents, 0), 0, 0, 0, 0, 0, 0
    FROM stripe_refunds AS r
    LEFT JOIN LATERAL (SELECT currency, charged_amount_cents FROM sessions WHERE id = r.session_id OFFSET 0) AS s ON true
    WHERE r.refunded_at IS NOT NULL AND r.refunded_at >= ${from} AND r.refunded_at < ${to}
    UNION ALL
    SELECT sent_at, currency, 0, 0, 0, 0, 0, 0, 1, total_cents, 0, 0, 0, 0
    FROM quotes WHERE sent_at IS NOT NULL AND sent_at >= ${from} AND sent_at < ${to}
    UNION ALL
    SELECT d.decided_at, q.currency, 0, 0, 0, 0, 0, 0, 0, 0, 1, d.approved_total_cents, 0, 0
    FROM quote_decisions AS d
    CROSS JOIN LATERAL (SELECT currency FROM quotes WHERE id = d.quote_id OFFSET 0) AS q
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
  facts: (from, to) => sql`
    SELECT created_at AS at, mechanic_user_id, 1 AS ratings, stars AS stars_sum,
           (stars = 1)::int AS stars_1, (stars = 2)::int AS stars_2, (stars = 3)::int AS stars_3,
           (stars = 4)::int AS stars_4, (stars = 5)::int AS stars_5
    FROM session_ratings WHERE created_at >= ${from} AND created_at < ${to}`,
};

/**
 * Per mechanic, their accepts' waits by UTC day, as a cumulative histogram: the assignment has the
 * accept and the queue entry, a scheduled session's due time comes from the session.
 */
export const MECHANIC_WAIT_ROLLUP: CumulativeRollup = {
  name: 'mechanic_wait_days',
  table: 'analytics_mechanic_wait_days',
  slotColumn: 'day',
  size: '1 day',
  keys: ['mechanic_user_id'],
  facts: (from, to) => sql`
    SELECT a.accepted_at AS at, a.mechanic_user_id,
           analytics_wait_bin(${waitSeconds(
             sql`a.accepted_at`,
             sql`a.created_at`,
             // A scheduled session's due time, from a small partial index (most have none).
             sql`(SELECT scheduled_for FROM sessions WHERE id = a.session_id AND scheduled_for IS NOT NULL)`,
           )}) AS bin, 1 AS n
    FROM session_assignments AS a
    WHERE a.accepted_at >= ${from} AND a.accepted_at < ${to} AND a.mechanic_user_id IS NOT NULL`,
};

/**
 * Per mechanic and UTC day: the microseconds their sessions were live (a session live over
 * midnight counts in both days; a live one up to now).
 */
export const MECHANIC_LIVE_ROLLUP: FactsRollup = {
  name: 'mechanic_days',
  table: 'analytics_mechanic_days',
  slotColumn: 'day',
  size: '1 day',
  keys: ['mechanic_user_id'],
  measures: ['live_microseconds'],
  facts: (from, to) => sql`
    SELECT greatest(day, ${from}) AS at, a.mechanic_user_id,
           (extract(epoch FROM least(coalesce(s.ended_at, now()), ${to}, day + interval '1 day')
                               - greatest(s.started_at, ${from}, day)) * 1000000)::bigint AS live_microseconds
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

const FACTS_ROLLUPS = [SESSION_ROLLUP, RATING_ROLLUP, MECHANIC_LIVE_ROLLUP];
const CUMULATIVE_ROLLUPS = [ACCEPT_WAIT_ROLLUP, MECHANIC_WAIT_ROLLUP];

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

/**
 * Every rollup the job keeps: its watermark's name, slot size, how its rows from `from` on are
 * cleared (a cumulative one keeps its row at `from`, the base of the next) and written.
 */
const ROLLUPS: {
  name: string;
  size: SlotSize;
  clear: (from: SQL) => SQL;
  build: (from: SQL, until: SQL) => SQL;
}[] = [
  ...FACTS_ROLLUPS.map((rollup) => ({
    name: rollup.name,
    size: rollup.size,
    clear: (from: SQL) =>
      sql`DELETE FROM ${sql.identifier(rollup.table)} WHERE ${id(rollup.slotColumn)} >= ${from}`,
    build: (from: SQL, until: SQL) => buildFactsRollup(rollup, from, until),
  })),
  {
    name: MONEY_ROLLUP.name,
    size: MONEY_ROLLUP.size,
    clear: (from: SQL) => sql`DELETE FROM analytics_money_slots WHERE slot > ${from}`,
    build: (from: SQL, until: SQL) => buildTotalsRollup(MONEY_ROLLUP, from, until),
  },
  ...CUMULATIVE_ROLLUPS.map((rollup) => ({
    name: rollup.name,
    size: rollup.size,
    clear: (from: SQL) =>
      sql`DELETE FROM ${sql.identifier(rollup.table)} WHERE ${id(rollup.slotColumn)} > ${from}`,
    build: (from: SQL, until: SQL) => buildCumulativeRollup(rollup, from, until),
  })),
  {
    name: 'queue_slots',
    size: '15 minutes',
    clear: (from: SQL) => sql`DELETE FROM analytics_queue_slots WHERE at >= ${from}`,
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
      await tx.execute(rollup.clear(from));
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
