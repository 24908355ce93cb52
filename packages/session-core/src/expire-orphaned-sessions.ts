import type { Database, Transaction } from '@autodoctor/db';
import { sql } from 'drizzle-orm';

/**
 * Runs the database function `expire_orphaned_sessions()` once: sessions
 * pending or waiting for more than 2 hours become `expired`, with their
 * credits returned when no mechanic had accepted. pg_cron calls the same
 * function hourly where the server has it; the API's scheduler calls this.
 *
 * @returns how many sessions were expired
 */
export async function expireOrphanedSessions(db: Database | Transaction): Promise<number> {
  const [row] = await db.execute<{ expired: number }>(sql`SELECT expire_orphaned_sessions() AS expired`);
  return row?.expired ?? 0;
}
