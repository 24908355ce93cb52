import type { Database, Transaction } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';
import type { ParsedAnalyticsInput } from './input.ts';
import { rangeFrom, rangeTo } from './panel.ts';

/**
 * The session rollup (`analytics_session_slots`, see its schema): quarter-hours older than
 * `settleHours` are written as final, and each refresh rebuilds the last `resyncHours` before its
 * watermark as well, so a late move (an operator's cancel, say) is caught. A pending session
 * expires after 2 hours, so its counts have long settled after 6.
 */
export const SESSION_ROLLUP = { name: 'session_slots', settleHours: 6, resyncHours: 24 } as const;

/** A timestamp's quarter-hour (its start, UTC). */
export const quarterHourOf = (ts: SQL) => sql`date_bin('15 minutes', ${ts}, 'epoch')`;

/**
 * Rebuilds the session rollup (returns its new watermark and the quarter-hour rows written) from its watermark less `resyncHours` (everything, the first
 * time) up to the last quarter-hour older than `settleHours`, and moves the watermark there. Run by
 * a scheduled job; two at once wait for each other (the watermark's row lock). The panels never
 * depend on it having run: whatever it has not covered they read from the live tables.
 */
export async function refreshAnalyticsRollups(
  db: Database | Transaction,
): Promise<{ completeUntil: Date; slots: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO analytics_rollups (name, complete_until) VALUES (${SESSION_ROLLUP.name}, '-infinity')
      ON CONFLICT (name) DO NOTHING`);
    const [window] = await tx.execute<{ rebuild_from: string; until: string }>(sql`
      -- As ISO 8601 text ('-infinity' the first time): postgres.js would make an invalid Date of it.
      SELECT to_json(complete_until - make_interval(hours => ${SESSION_ROLLUP.resyncHours})) #>> '{}' AS rebuild_from,
             to_json(greatest(complete_until,
                              ${quarterHourOf(sql`now() - make_interval(hours => ${SESSION_ROLLUP.settleHours})`)})) #>> '{}'
               AS until
      FROM analytics_rollups WHERE name = ${SESSION_ROLLUP.name} FOR UPDATE`);
    if (!window) throw new Error('analytics_rollups has no session_slots row');
    const from = sql`${window.rebuild_from}::timestamptz`;
    const until = sql`${window.until}::timestamptz`;
    await tx.execute(sql`DELETE FROM analytics_session_slots WHERE slot >= ${from}`);
    const [written] = await tx.execute<{ slots: number }>(sql`
      WITH written AS (
      INSERT INTO analytics_session_slots (slot, type, created, abandoned, accepted)
      SELECT slot, type, sum(created), sum(abandoned), sum(accepted) FROM (
        SELECT ${quarterHourOf(sql`created_at`)} AS slot, type, 1 AS created,
               (status IN ('cancelled', 'expired') AND accepted_at IS NULL)::int AS abandoned, 0 AS accepted
        FROM sessions WHERE created_at >= ${from} AND created_at < ${until}
        UNION ALL
        SELECT ${quarterHourOf(sql`accepted_at`)}, type, 0, 0, 1
        FROM sessions WHERE accepted_at >= ${from} AND accepted_at < ${until}) AS facts
      GROUP BY slot, type
      RETURNING 1)
      SELECT count(*)::int AS slots FROM written`);
    await tx.execute(sql`
      UPDATE analytics_rollups SET complete_until = ${until}, refreshed_at = now()
      WHERE name = ${SESSION_ROLLUP.name}`);
    return { completeUntil: new Date(window.until), slots: written?.slots ?? 0 };
  });
}

/**
 * CTEs `rollup_window` (`lo`, `hi`: the whole quarter-hours of the range the rollup has
 * complete) and `session_facts` (`at`, `type`, `created`, `abandoned`, `accepted`): the rollup's
 * quarter-hours in [lo, hi), and the sessions' own rows for the rest of the range — the partial
 * quarter-hour at its start and everything from the watermark on. Counts read from it are the
 * same as counted from the sessions alone (panels.test.ts checks both ways).
 */
export const sessionFactsCtes = (input: ParsedAnalyticsInput) => {
  const from = rangeFrom(input);
  const to = rangeTo(input);
  const lo = sql`(SELECT lo FROM rollup_window)`;
  const hi = sql`(SELECT hi FROM rollup_window)`;
  const abandoned = sql`(status IN ('cancelled', 'expired') AND accepted_at IS NULL)::int`;
  return sql`
  rollup_window AS (
    SELECT lo, greatest(lo, least(${quarterHourOf(to)},
             coalesce((SELECT complete_until FROM analytics_rollups WHERE name = ${SESSION_ROLLUP.name}), '-infinity'))) AS hi
    FROM (SELECT ${quarterHourOf(sql`${from} - interval '1 microsecond'`)} + interval '15 minutes' AS lo) AS start
  ), session_facts AS (
    SELECT slot AS at, type, created, abandoned, accepted
    FROM analytics_session_slots WHERE slot >= ${lo} AND slot < ${hi}
    UNION ALL
    SELECT created_at, type, 1, ${abandoned}, 0
    FROM sessions WHERE created_at >= ${from} AND created_at < least(${lo}, ${to})
    UNION ALL
    SELECT created_at, type, 1, ${abandoned}, 0
    FROM sessions WHERE created_at >= ${hi} AND created_at < ${to}
    UNION ALL
    SELECT accepted_at, type, 0, 0, 1
    FROM sessions WHERE accepted_at >= ${from} AND accepted_at < least(${lo}, ${to})
    UNION ALL
    SELECT accepted_at, type, 0, 0, 1
    FROM sessions WHERE accepted_at >= ${hi} AND accepted_at < ${to})`;
};
