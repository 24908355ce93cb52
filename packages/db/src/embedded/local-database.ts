import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from './server.ts';

/** The workspace root: `.data/` below it holds the embedded clusters (git-ignored). */
export const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where the local commands keep their data: `$AUTODOCTOR_DATA_DIR`, else `.data/` (git-ignored). */
export function localDataDir(): string {
  return process.env.AUTODOCTOR_DATA_DIR || path.join(workspaceRoot, '.data');
}

export interface LocalDatabase {
  url: string;
  /** Where it came from, for the one line a command prints about it. */
  description: string;
  /** True when this process started an embedded server (and should stop it). */
  startedHere: boolean;
  stop: () => Promise<void>;
}

/**
 * The database the local commands work on: `DATABASE_URL` when set, otherwise
 * the embedded PostgreSQL in `.data/postgres` (or `$AUTODOCTOR_DATA_DIR/postgres`:
 * the browser tests run the product on a throwaway one), started on demand.
 */
export async function openLocalDatabase(log: (line: string) => void = console.log): Promise<LocalDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return {
      url: external,
      description: `DATABASE_URL (${redactPassword(external)})`,
      startedHere: false,
      stop: async () => {},
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(localDataDir(), 'postgres'),
    database: 'autodoctor',
    preferredPort: 54329,
    log,
  });
  return {
    url: server.url,
    description: `embedded PostgreSQL (${server.dataDir})`,
    startedHere: server.startedHere,
    stop: () => server.stop(),
  };
}

/** The URL with its password masked, for logs. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
