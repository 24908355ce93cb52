import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './testing/index.ts';

// The upstream postgres.js defects on a lost connection that patches/postgres@3.4.9.patch fixes
// (porsager/postgres#1154, #1208, #1155, #1215: see packages/db/README.md). An uncaught
// exception fails the whole vitest run, so these pass only if nothing escapes.
describe('a connection lost under a query', () => {
  const database = useTestDatabase({ max: 2 });

  it('a transaction whose backend died rejects, runs nothing more, and the pool answers again', async () => {
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const admin = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      await sql`CREATE TABLE connection_loss (n int)`;
      for (let round = 0; round < 5; round++) {
        let lateQuery: Promise<unknown> | undefined;
        let releaseCallback = (): void => {};
        const callbackMayGoOn = new Promise<void>((resolve) => (releaseCallback = resolve));
        const transaction = sql.begin(async (tx) => {
          await tx`INSERT INTO connection_loss VALUES (1)`;
          const [row] = await tx<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          await admin`SELECT pg_terminate_backend(${row!.pid})`;
          await callbackMayGoOn;
          lateQuery = tx`INSERT INTO connection_loss VALUES (2)`;
          await lateQuery;
        });
        await expect(transaction).rejects.toThrow();
        // The pool reconnects for another caller while the dead transaction's callback goes on.
        const other = sql<{ one: number }[]>`SELECT 1 AS one`;
        releaseCallback();
        expect(await other).toEqual([{ one: 1 }]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        await expect(lateQuery).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
        expect(await sql`SELECT count(*)::int AS n FROM connection_loss`).toEqual([{ n: 0 }]);
      }
    } finally {
      await sql.end({ timeout: 5 });
      await admin.end({ timeout: 5 });
    }
  });

  it('queries in flight when the backends die reject, and the next ones succeed', async () => {
    const sql = postgres(database.url, { max: 4, onnotice: () => {} });
    const admin = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      for (let round = 0; round < 5; round++) {
        const running = Array.from({ length: 8 }, () =>
          sql`SELECT pg_sleep(0.2)`.then(
            () => 'ok',
            () => 'failed',
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
        await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()`;
        expect(await Promise.all(running)).toContain('failed');
        expect(await sql`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      }
    } finally {
      await sql.end({ timeout: 5 });
      await admin.end({ timeout: 5 });
    }
  });
});
