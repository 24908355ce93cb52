import type { Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';

const TABLES = [
  'sessions',
  'session_participants',
  'session_assignments',
  'session_events',
  'customer_credits',
  'credit_ledger',
  'checkout_intents',
  'stripe_refunds',
  'processed_stripe_events',
  'credit_purchases',
  'users',
  'auth_accounts',
  'auth_sessions',
  'mechanic_presence',
  'room_entries',
  'room_photos',
  'photo_blobs',
  'session_summaries',
  'quotes',
  'quote_lines',
  'quote_decisions',
  'quote_line_decisions',
  'mechanic_earnings',
  'session_ratings',
  'push_subscriptions',
  'notification_opt_outs',
  'mail_outbox',
  'auth_verifications',
  'operator_actions',
  'transcript_access_log',
] as const;

/** Row counts and a checksum of every table a procedure may write: equal snapshots mean nothing changed. */
export async function dbSnapshot(db: Database): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await db.execute<{ digest: string }>(
      sql`SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS digest
          FROM ${sql.identifier(table)} t`,
    );
    snapshot[table] = row!.digest;
  }
  return snapshot;
}
