import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runMigrations } from './migrate.ts';
import { ACTIVE_SESSION_STATUSES } from './schema/enums.ts';
import { withDatabase } from './urls.ts';
import journal from '../migrations/meta/_journal.json' with { type: 'json' };

const migrationCount = journal.entries.length;

const { adminUrl } = inject('autodoctorTestDatabase');
const databaseName = `autodoctor_test_migrate_${process.pid}`;
const url = withDatabase(adminUrl, databaseName);
let sql: postgres.Sql;

/** Everything migrations create, as text: tables, columns, constraints, indexes, functions, triggers. */
async function schemaFingerprint(): Promise<string> {
  const rows = await sql<{ item: string }[]>`
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
           || ' ' || coalesce(column_default, '') AS item
    FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL
    SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL
    SELECT 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc)
    FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
    UNION ALL
    SELECT 'trigger ' || tgname || ' ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL
    SELECT 'migration ' || hash FROM drizzle.__drizzle_migrations
    ORDER BY 1`;
  return rows.map((row) => row.item).join('\n');
}

beforeAll(async () => {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`DROP DATABASE IF EXISTS ${admin(databaseName)} WITH (FORCE)`;
  await admin`CREATE DATABASE ${admin(databaseName)}`;
  await admin.end();
  sql = postgres(url, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await sql.end();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`DROP DATABASE IF EXISTS ${admin(databaseName)} WITH (FORCE)`;
  await admin.end();
});

describe('migrations', () => {
  it('apply to an empty database, from three processes at once', async () => {
    const results = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)]);
    expect(results.map((r) => r.applied).sort()).toEqual([0, 0, migrationCount]);
    expect(results.every((r) => r.total === migrationCount)).toBe(true);

    const tables = await sql<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`;
    expect(tables.map((t) => t.table_name)).toEqual([
      'analytics_accept_wait_slots',
      'analytics_mechanic_days',
      'analytics_mechanic_wait_days',
      'analytics_money_slots',
      'analytics_queue_slots',
      'analytics_rating_days',
      'analytics_rollups',
      'analytics_session_slots',
      'auth_accounts',
      'auth_rate_limits',
      'auth_session_revocations',
      'auth_sessions',
      'auth_verifications',
      'checkout_intents',
      'credit_ledger',
      'credit_purchases',
      'customer_credits',
      'mail_outbox',
      'mechanic_earnings',
      'mechanic_presence',
      'mechanic_push_state',
      'notification_opt_outs',
      'operator_actions',
      'photo_blobs',
      'processed_stripe_events',
      'push_subscriptions',
      'quote_decisions',
      'quote_line_decisions',
      'quote_lines',
      'quotes',
      'room_entries',
      'room_photos',
      'scheduler_jobs',
      'session_assignments',
      'session_events',
      'session_participants',
      'session_ratings',
      'session_summaries',
      'sessions',
      'stripe_refunds',
      'transcript_access_log',
      'users',
      'webhook_attempts',
      'webhook_deliveries',
      'webhook_endpoints',
    ]);
  });

  it('create uq_active_session_per_customer over exactly the active statuses', async () => {
    const [index] = await sql<{ indexdef: string }[]>`
      SELECT indexdef FROM pg_indexes WHERE indexname = 'uq_active_session_per_customer'`;
    expect(index?.indexdef).toMatch(
      /^CREATE UNIQUE INDEX .* ON public\.sessions USING btree \(customer_user_id\) WHERE/,
    );
    const listed = [...(index?.indexdef.matchAll(/'(\w+)'::session_status/g) ?? [])].map((m) => m[1]);
    expect(listed.sort()).toEqual([...ACTIVE_SESSION_STATUSES].sort());
  });

  it('create expire_orphaned_sessions() and refund_session_credits()', async () => {
    const functions = await sql<{ name: string }[]>`
      SELECT p.oid::regprocedure::text AS name FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1`;
    expect(functions.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'expire_orphaned_sessions(interval)',
        'promote_due_scheduled_sessions()',
        'refund_session_credits(uuid)',
      ]),
    );
    const [result] = await sql<{ expired: number }[]>`SELECT expire_orphaned_sessions() AS expired`;
    expect(result?.expired).toBe(0);
  });

  it('change nothing when applied again', async () => {
    const before = await schemaFingerprint();
    expect(before).toContain('uq_active_session_per_customer');
    expect(await runMigrations(url)).toEqual({ applied: 0, total: migrationCount });
    expect(await schemaFingerprint()).toBe(before);
  });
});
