import type { Database, Transaction } from '@autodoctor/db';
import { sql } from 'drizzle-orm';

/**
 * Runs the database function `promote_due_scheduled_sessions()` once:
 * scheduled sessions whose start time has come become `pending` (they enter
 * the mechanic queue) with an `entered_queue` event. pg_cron calls the same
 * function every minute where the server has it; the API's scheduler calls this.
 *
 * @returns how many sessions entered the queue
 */
export async function promoteDueScheduledSessions(db: Database | Transaction): Promise<number> {
  const [row] = await db.execute<{ promoted: number }>(
    sql`SELECT promote_due_scheduled_sessions() AS promoted`,
  );
  return row?.promoted ?? 0;
}
