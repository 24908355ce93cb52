import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import journal from '../migrations/meta/_journal.json' with { type: 'json' };
import { connect } from './client.ts';
import { migrationsFolder, runMigrations } from './migrate.ts';
import { withDatabase } from './urls.ts';

// Migration 0004 on a database that already has history from before the
// one-free-session rule: customers with several free sessions.
const { adminUrl } = inject('autodoctorTestDatabase');
const databaseName = `autodoctor_test_migrate_0004_${process.pid}`;
const url = withDatabase(adminUrl, databaseName);
let sql: postgres.Sql;
let before0004: string;

beforeAll(async () => {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`DROP DATABASE IF EXISTS ${admin(databaseName)} WITH (FORCE)`;
  await admin`CREATE DATABASE ${admin(databaseName)}`;
  await admin.end();
  sql = postgres(url, { max: 2, onnotice: () => {} });
  // The migrations up to 0003 only.
  before0004 = mkdtempSync(join(tmpdir(), 'autodoctor-migrations-'));
  cpSync(migrationsFolder, before0004, { recursive: true });
  const index = journal.entries.findIndex((entry) => entry.tag.startsWith('0004_'));
  writeFileSync(
    join(before0004, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }),
  );
});

afterAll(async () => {
  await sql.end();
  rmSync(before0004, { recursive: true, force: true });
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin`DROP DATABASE IF EXISTS ${admin(databaseName)} WITH (FORCE)`;
  await admin.end();
});

describe('migration 0004 on existing data', () => {
  it('backfills accepted_at, keeps extra old free sessions outside the rule, and enforces it from then on', async () => {
    const { db, close } = connect(url, { max: 1 });
    try {
      await migrate(db, { migrationsFolder: before0004 });
    } finally {
      await close();
    }
    const [mechanic] = await sql<{ id: string }[]>`
      INSERT INTO users (name, email, role) VALUES ('Mo', 'mo@example.test', 'mechanic') RETURNING id`;
    const [many] = await sql<{ id: string }[]>`
      INSERT INTO users (name, email) VALUES ('Many', 'many@example.test') RETURNING id`;
    const [one] = await sql<{ id: string }[]>`
      INSERT INTO users (name, email) VALUES ('One', 'one@example.test') RETURNING id`;
    const free = async (customer: string, status: string, minutesAgo: number, accepted: boolean) => {
      const assignment = accepted ? 'accepted' : status === 'pending' ? 'queued' : status;
      const [session] = await sql<{ id: string }[]>`
        INSERT INTO sessions (type, status, customer_user_id, vehicle_year, vehicle_make, vehicle_model,
                              concern, created_at)
        VALUES ('free', ${status}, ${customer}, 2017, 'Honda', 'Civic', 'Old history from before',
                now() - make_interval(mins => ${minutesAgo}))
        RETURNING id`;
      await sql`
        INSERT INTO session_assignments (session_id, status, mechanic_user_id, accepted_at)
        VALUES (${session!.id}, ${assignment}, ${accepted ? mechanic!.id : null},
                ${accepted ? new Date(Date.now() - (minutesAgo - 1) * 60_000) : null})`;
      return session!.id;
    };
    const first = await free(many!.id, 'ended', 300, true);
    const cancelledUnaccepted = await free(many!.id, 'cancelled', 200, false);
    const second = await free(many!.id, 'ended', 100, true);
    const third = await free(many!.id, 'pending', 10, false);
    const only = await free(one!.id, 'ended', 50, true);

    const result = await runMigrations(url);
    expect(result.total).toBe(journal.entries.length);

    const rows = await sql<{ id: string; accepted: boolean; exempt: boolean }[]>`
      SELECT id, accepted_at IS NOT NULL AS accepted, free_limit_exempt AS exempt FROM sessions`;
    const state = Object.fromEntries(
      rows.map((row) => [row.id, { accepted: row.accepted, exempt: row.exempt }]),
    );
    expect(state).toEqual({
      [first]: { accepted: true, exempt: false },
      [cancelledUnaccepted]: { accepted: false, exempt: false },
      [second]: { accepted: true, exempt: true },
      [third]: { accepted: false, exempt: true },
      [only]: { accepted: true, exempt: false },
    });

    // From now on the rule holds: no new free session for either customer.
    for (const customer of [many!.id, one!.id]) {
      const error = await sql`
        INSERT INTO sessions (type, status, customer_user_id, vehicle_year, vehicle_make, vehicle_model, concern)
        VALUES ('free', 'ended', ${customer}, 2017, 'Honda', 'Civic', 'A new free session')`.catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ constraint_name: 'uq_free_session_per_customer' });
    }
  });
});
