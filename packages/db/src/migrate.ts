import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { connect } from './client.ts';

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
    await migrate(db, { migrationsFolder });
    const total = await countApplied(db);
    await db.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    return { applied: total - before, total };
  } finally {
    await close();
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
