import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { migrationsFolder, runMigrations } from './migrate.ts';
import { createTestDatabase } from './testing/test-database.ts';
import { withDatabase } from './urls.ts';

/*
 * Migration 0001 schedules expire_orphaned_sessions() hourly through pg_cron,
 * but only where pg_cron is loaded and in the database it serves
 * (cron.database_name); everywhere else it must still succeed. Which case this
 * file checks depends on the test server: CI runs it on both (the embedded
 * PostgreSQL without pg_cron, then Debian's PostgreSQL 15 with it and
 * EXPECT_PG_CRON=1, so that a pg_cron gone missing fails instead of passing).
 */

const JOB_NAME = 'expire-orphaned-sessions';
const { adminUrl } = inject('autodoctorTestDatabase');
const migrationCount = (
  JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;

const quiet = { max: 1, onnotice: () => {} };

interface PgCron {
  /** `cron.database_name` (null when no loaded library defines it). */
  database: string | null;
  /** In shared_preload_libraries (the only way pg_cron runs) and installable. */
  loaded: boolean;
}

async function inspectPgCron(): Promise<PgCron> {
  const admin = postgres(adminUrl, quiet);
  try {
    const [row] = await admin<{ database: string | null; available: boolean; preloaded: boolean }[]>`
      SELECT
        -- As in migration 0001: pg_settings, since pg_cron hides the setting from non-superusers.
        (SELECT setting FROM pg_settings WHERE name = 'cron.database_name') AS database,
        EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_cron') AS available,
        EXISTS (
          SELECT 1 FROM pg_settings
          WHERE name = 'shared_preload_libraries'
            AND 'pg_cron' = ANY (regexp_split_to_array(setting, '[ ,"]+'))
        ) AS preloaded`;
    const database = row?.database ?? null;
    return { database, loaded: database !== null && !!row?.available && !!row?.preloaded };
  } finally {
    await admin.end({ timeout: 5 });
  }
}

const pgCron = await inspectPgCron();

describe('migration 0001 and pg_cron', () => {
  if (pgCron.loaded && pgCron.database !== null) {
    const cronDatabase = pgCron.database;

    it(`schedules ${JOB_NAME} hourly in ${cronDatabase}, the database pg_cron serves`, async () => {
      // pg_cron's database may be a real one on a developer's server: create it
      // when missing, never drop it.
      const admin = postgres(adminUrl, quiet);
      try {
        const existing = await admin`SELECT 1 FROM pg_database WHERE datname = ${cronDatabase}`;
        if (existing.length === 0) {
          await admin`CREATE DATABASE ${admin(cronDatabase)}`.catch((error: { code?: string }) => {
            if (error.code !== '42P04') throw error; // created meanwhile by a concurrent run
          });
        }
      } finally {
        await admin.end({ timeout: 5 });
      }

      const url = withDatabase(adminUrl, cronDatabase);
      const first = await runMigrations(url);
      const second = await runMigrations(url);
      expect(first.total).toBe(migrationCount);
      expect(second).toEqual({ applied: 0, total: migrationCount });

      const sql = postgres(url, quiet);
      try {
        // Every job that runs the function, named or not: exactly one.
        const jobs = await sql<
          { jobname: string | null; schedule: string; command: string; database: string; active: boolean }[]
        >`
          SELECT jobname, schedule, command, database, active FROM cron.job
          WHERE jobname = ${JOB_NAME} OR command LIKE '%expire\\_orphaned\\_sessions%'`;
        expect(jobs).toHaveLength(1);
        const [job] = jobs;
        expect(job).toMatchObject({
          jobname: JOB_NAME,
          schedule: '0 * * * *',
          database: cronDatabase,
          active: true,
        });
        expect(job!.command).toMatch(/\bexpire_orphaned_sessions\(\)/);

        // Migration 0003: due scheduled sessions enter the queue every minute.
        const promotions = await sql<{ jobname: string | null; schedule: string; command: string }[]>`
          SELECT jobname, schedule, command FROM cron.job
          WHERE command LIKE '%promote\\_due\\_scheduled\\_sessions%'`;
        expect(promotions).toEqual([
          {
            jobname: 'promote-due-scheduled-sessions',
            schedule: '* * * * *',
            command: 'SELECT public.promote_due_scheduled_sessions()',
          },
        ]);

        // Run the job's own SQL, as pg_cron would, then roll back: the sessions
        // in a developer's database stay as they are.
        const connection = await sql.reserve();
        try {
          await connection`BEGIN`;
          const rows = await connection.unsafe<Record<string, unknown>[]>(job!.command);
          await connection`ROLLBACK`;
          expect(rows).toHaveLength(1);
          const expired = Object.values(rows[0]!)[0];
          expect(Number.isInteger(expired), `expected an integer, got ${String(expired)}`).toBe(true);
        } finally {
          connection.release();
        }
      } finally {
        await sql.end({ timeout: 5 });
      }
    });

    it('migrates as an ordinary role too, to which pg_cron hides cron.database_name', async () => {
      const role = `autodoctor_app_${process.pid}`;
      const database = `autodoctor_test_role_${process.pid}`;
      const admin = postgres(adminUrl, quiet);
      try {
        await admin`DROP DATABASE IF EXISTS ${admin(database)} WITH (FORCE)`;
        await admin`DROP ROLE IF EXISTS ${admin(role)}`;
        await admin.unsafe(`CREATE ROLE ${role} LOGIN PASSWORD 'app' NOSUPERUSER CREATEDB`);
        await admin`CREATE DATABASE ${admin(database)} OWNER ${admin(role)}`;
        const url = new URL(withDatabase(adminUrl, database));
        url.username = role;
        url.password = 'app';
        expect(await runMigrations(url.toString())).toEqual({
          applied: migrationCount,
          total: migrationCount,
        });
      } finally {
        await admin`DROP DATABASE IF EXISTS ${admin(database)} WITH (FORCE)`;
        await admin`DROP ROLE IF EXISTS ${admin(role)}`;
        await admin.end({ timeout: 5 });
      }
    });
  } else {
    it('migrates without pg_cron: expire_orphaned_sessions() exists, nothing is scheduled', async () => {
      expect(
        process.env.EXPECT_PG_CRON ?? '',
        'EXPECT_PG_CRON is set, but this server has no pg_cron loaded (shared_preload_libraries)',
      ).toBe('');

      // A fresh copy of the run's migrated template (dropped WITH (FORCE) after).
      const database = await createTestDatabase({ max: 1 });
      try {
        const [row] = await database.sql<
          { cronSchema: string | null; hasFunction: boolean; migrations: number; expired: number }[]
        >`
          SELECT
            to_regnamespace('cron')::text AS "cronSchema",
            EXISTS (
              SELECT 1 FROM pg_proc
              WHERE proname = 'expire_orphaned_sessions' AND pronamespace = 'public'::regnamespace
            ) AS "hasFunction",
            (SELECT count(*)::int FROM drizzle.__drizzle_migrations) AS migrations,
            public.expire_orphaned_sessions() AS expired`;
        expect(row).toEqual({ cronSchema: null, hasFunction: true, migrations: migrationCount, expired: 0 });
      } finally {
        await database.drop();
      }
    });
  }
});
