import type { Database, Transaction } from '@autodoctor/db';
import { sql } from 'drizzle-orm';

/**
 * Marks `expired` every sent version whose valid-until has passed (readers already treat them so;
 * this makes the table say it too). Safe to run any number of times, on any instance: the API's
 * scheduler runs it hourly (`expire-quotes`).
 *
 * @returns how many versions it marked
 */
export async function expireQuotes(db: Database | Transaction): Promise<number> {
  const expired = await db.execute(sql`
    UPDATE quotes SET status = 'expired', closed_at = valid_until, updated_at = now()
    WHERE status = 'sent' AND valid_until <= now()
    RETURNING id`);
  return expired.length;
}
