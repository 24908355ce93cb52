import { postgresErrorOf, SqlState, type Database } from '@autodoctor/db';
import { refreshAnalyticsRollups } from '@autodoctor/analytics';
import { expireOrphanedSessions, expireQuotes, promoteDueScheduledSessions } from '@autodoctor/session-core';
import { sql } from '@autodoctor/db/orm';
import type { ScheduledJob } from './scheduler.ts';

/** The jobs pg_cron runs where the database has it (migrations 0001 and 0003). */
export const PG_CRON_JOBS = {
  expire: 'expire-orphaned-sessions',
  promote: 'promote-due-scheduled-sessions',
} as const;

/** The jobs only the API runs (no pg_cron function does their work). */
export const API_JOBS = {
  expireQuotes: 'expire-quotes',
  refreshAnalytics: 'refresh-analytics-rollups',
} as const;

/**
 * The jobs this API must run itself: `expire-quotes` and `refresh-analytics-rollups` always, and those pg_cron
 * does not run for this database. When cron.job cannot be read, pg_cron is
 * taken to be absent (every job is safe to run twice: it only moves what is due).
 */
export async function jobsToRunHere(
  db: Database,
  periods: { expiryMs: number; promotionMs: number; quoteExpiryMs: number; analyticsRollupMs: number },
): Promise<ScheduledJob[]> {
  const scheduled = await jobsScheduledInPgCron(db);
  const jobs: ScheduledJob[] = [
    { name: API_JOBS.expireQuotes, periodMs: periods.quoteExpiryMs, run: (tx) => expireQuotes(tx) },
    {
      name: API_JOBS.refreshAnalytics,
      periodMs: periods.analyticsRollupMs,
      run: async (tx) => (await refreshAnalyticsRollups(tx)).slots,
    },
  ];
  if (!scheduled.has(PG_CRON_JOBS.promote)) {
    jobs.push({
      name: PG_CRON_JOBS.promote,
      periodMs: periods.promotionMs,
      run: (tx) => promoteDueScheduledSessions(tx),
    });
  }
  if (!scheduled.has(PG_CRON_JOBS.expire)) {
    jobs.push({
      name: PG_CRON_JOBS.expire,
      periodMs: periods.expiryMs,
      run: (tx) => expireOrphanedSessions(tx),
    });
  }
  return jobs;
}

async function jobsScheduledInPgCron(db: Database): Promise<Set<string>> {
  const [cron] = await db.execute<{ installed: boolean }>(
    sql`SELECT to_regclass('cron.job') IS NOT NULL AS installed`,
  );
  if (!cron?.installed) return new Set(); // no pg_cron in this database
  try {
    const rows = await db.execute<{ jobname: string }>(
      sql`SELECT jobname FROM cron.job WHERE database = current_database()`,
    );
    return new Set(rows.map((row) => row.jobname));
  } catch (error) {
    if (postgresErrorOf(error)?.code === SqlState.insufficientPrivilege) return new Set(); // not allowed to look
    throw error;
  }
}
