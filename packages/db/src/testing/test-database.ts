import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type DatabaseConnection } from '../client.ts';
import { withDatabase } from '../urls.ts';
import type {} from './provided-context.ts';

export interface TestDatabase extends DatabaseConnection {
  /** The database's own URL, e.g. for a second connection pool. */
  url: string;
  /** The server's URL, for statements about databases. */
  adminUrl: string;
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database of its own, copied from the run's template: test
 * files running in parallel never see each other's rows.
 */
export async function createTestDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = inject('autodoctorTestDatabase');
  const name = `autodoctor_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Copies from one template can collide for a moment ("being accessed"): retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin`CREATE DATABASE ${admin(name)} TEMPLATE ${admin(template)}`;
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl, name);
  const connection = connect(url, { max: options.max ?? 25 });
  return {
    ...connection,
    url,
    adminUrl,
    async drop() {
      await connection.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper`DROP DATABASE IF EXISTS ${dropper(name)} WITH (FORCE)`;
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

/**
 * Registers a fresh database for the current test file (created before its
 * first test, dropped after its last) and returns a handle to it.
 *
 * @example
 * const database = useTestDatabase();
 * it('…', async () => { await database.db.select().from(users); });
 */
export function useTestDatabase(options: { max?: number } = {}): TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase(options);
  });
  afterAll(async () => {
    await current?.drop();
  });
  const get = (): TestDatabase => {
    if (!current) throw new Error('useTestDatabase(): the database exists only inside tests and hooks');
    return current;
  };
  return new Proxy({} as TestDatabase, { get: (_, key) => get()[key as keyof TestDatabase] });
}
