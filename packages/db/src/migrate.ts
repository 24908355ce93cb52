import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { connect, type Database } from './client.ts';

/** Where the checked-in migrations live. */
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

// Any constant works; it only has to be the same for every instance.
const MIGRATION_LOCK_KEY = 727_001;

export interface MigrationResult {
  /** Migrations applied by this call. */
  applied: number;
  /** Migrations recorded in the database afterwards. */
  total: number;
}

/**
 * Applies every pending migration in order. Safe to run from several processes
 * at once (an advisory lock serialises them) and again later (it does nothing).
 */
export async function runMigrations(url: string): Promise<MigrationResult> {
  const { db, close } = connect(url, { max: 1 });
  try {
    await db.execute(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    const before = await countApplied(db);
    await applyPending(db);
    const total = await countApplied(db);
    await db.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    return { applied: total - before, total };
  } finally {
    await close();
  }
}

/**
 * Drizzle's migrator with its journal table, but one transaction per migration (drizzle's own runs
 * them all in one). PostgreSQL before 17 refuses an enum value added by ALTER TYPE … ADD VALUE until
 * that transaction commits (55P04): in one transaction a fresh database could not build 0015's index
 * on 'entered_queue', which 0002 added.
 */
async function applyPending(db: Database): Promise<void> {
  await db.execute(sql`CREATE SCHEMA IF NOT EXISTS drizzle`);
  await db.execute(sql`
    CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
  const [last] = await db.execute<{ created_at: string }>(
    sql`SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`,
  );
  for (const migration of readMigrationFiles({ migrationsFolder })) {
    // As drizzle decides: applied is anything not newer than the last one recorded.
    if (last && Number(last.created_at) >= migration.folderMillis) continue;
    await db.transaction(async (tx) => {
      for (const statement of migration.sql) await tx.execute(sql.raw(statement));
      await tx.execute(sql`
        INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES (${migration.hash}, ${migration.folderMillis})`);
    });
  }
}

async function countApplied(db: ReturnType<typeof connect>['db']): Promise<number> {
  const [journal] = await db.execute<{ exists: boolean }>(
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists`,
  );
  if (!journal?.exists) return 0;
  const [row] = await db.execute<{ count: number }>(
    sql`SELECT count(*)::int AS count FROM drizzle.__drizzle_migrations`,
  );
  return row?.count ?? 0;
}

/** One migration this package ships: its file's name without `.sql`, and drizzle-kit's timestamp. */
export interface ShippedMigration {
  tag: string;
  /** What Drizzle's migrator records as the migration's `created_at` (drizzle-kit's journal `when`). */
  createdAt: number;
}

/** The migrations this package ships, oldest first (drizzle-kit's journal beside the SQL files). */
export function shippedMigrations(): ShippedMigration[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, createdAt: when }));
}

/** Where a database's schema stands against the migrations this package ships. */
export interface SchemaVersion {
  /** The newest migration this package ships, e.g. `0012_accounts_notifications`. */
  expected: string;
  /** The newest migration applied to the database (`unknown (created_at N)` for one this package does not ship), null for a database never migrated. */
  applied: string | null;
  /** Shipped migrations not applied yet, oldest first (what `runMigrations` would apply). */
  pending: string[];
  /**
   * `current`: exactly this package's schema; `behind`: run `runMigrations` first; `ahead`: migrated
   * by a newer release. Migrations only add (an older release keeps running while a deploy migrates),
   * so `ahead` is fine to run on.
   */
  state: 'current' | 'behind' | 'ahead';
}

/**
 * Compares the migrations Drizzle recorded in the database (`drizzle.__drizzle_migrations`) with the
 * ones this package ships, as Drizzle's migrator does: by the newest applied migration's timestamp.
 */
export async function checkSchemaVersion(db: Database): Promise<SchemaVersion> {
  const shipped = shippedMigrations();
  const newest = shipped.at(-1);
  if (!newest) throw new Error(`No migrations in ${migrationsFolder}`);
  const [journal] = await db.execute<{ exists: boolean }>(
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists`,
  );
  let appliedAt: number | null = null;
  if (journal?.exists) {
    // bigint arrives as text; a millisecond timestamp fits a double exactly.
    const [row] = await db.execute<{ newest: string | null }>(
      sql`SELECT max(created_at)::text AS newest FROM drizzle.__drizzle_migrations`,
    );
    appliedAt = row?.newest ? Number(row.newest) : null;
  }
  const pending = shipped.filter((migration) => appliedAt === null || migration.createdAt > appliedAt);
  const applied =
    appliedAt === null
      ? null
      : (shipped.find((migration) => migration.createdAt === appliedAt)?.tag ??
        `unknown (created_at ${appliedAt})`);
  const state = pending.length > 0 ? 'behind' : appliedAt! > newest.createdAt ? 'ahead' : 'current';
  return { expected: newest.tag, applied, pending: pending.map(({ tag }) => tag), state };
}

/** The database's schema is older than this package's: apply the pending migrations first. */
export class SchemaBehindError extends Error {
  readonly code = 'SCHEMA_BEHIND';
  constructor(readonly version: SchemaVersion) {
    super(
      `The database schema is behind this package (applied: ${version.applied ?? 'none'}, expected: ` +
        `${version.expected}; ${version.pending.length} pending): run runMigrations(url) or pnpm db:migrate first.`,
    );
    this.name = 'SchemaBehindError';
  }
}

/** `checkSchemaVersion`, throwing `SchemaBehindError` when migrations are pending (for a service's start). */
export async function assertSchemaVersion(db: Database): Promise<SchemaVersion> {
  const version = await checkSchemaVersion(db);
  if (version.state === 'behind') throw new SchemaBehindError(version);
  return version;
}
