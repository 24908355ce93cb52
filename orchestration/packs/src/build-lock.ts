import postgres from 'postgres';

// One key for every test file that builds the published packages' `dist/` (tsdown cleans it
// first): two builds at once, or a build while another file reads `dist/`, fail each other.
const BUILD_LOCK_KEY = 'autodoctor:packs:dist';

/**
 * Waits for, then holds, the test server's advisory lock on building `dist/` (on a connection of
 * its own, so it goes with a killed run). Returns the release. Test files in other workers wait:
 * vitest runs files in parallel processes, so an in-memory lock would not do.
 */
export async function holdBuildLock(adminUrl: string): Promise<() => Promise<void>> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await sql`SELECT pg_advisory_lock(hashtext(${BUILD_LOCK_KEY}))`;
  return async () => {
    await sql`SELECT pg_advisory_unlock(hashtext(${BUILD_LOCK_KEY}))`;
    await sql.end();
  };
}
