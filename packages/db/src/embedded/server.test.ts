import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { workspaceRoot } from './local-database.ts';
import { discardEmbeddedCluster, startEmbeddedPostgres, type EmbeddedPostgres } from './server.ts';

// Its own throwaway cluster beside the run's, registered like the run's so
// that a killed run's cluster is found and discarded by the next run.
const dataDir = path.join(workspaceRoot, '.data', 'test-postgres', `run-${process.pid}-server-test`);
mkdirSync(path.dirname(dataDir), { recursive: true });
writeFileSync(`${dataDir}.owner`, String(process.pid));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'autodoctor-server-test-'));

async function start(preferredPort?: number): Promise<EmbeddedPostgres> {
  return startEmbeddedPostgres({ dataDir, database: 'app', ephemeral: true, preferredPort });
}

async function selectOne(url: string): Promise<number> {
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql<{ one: number }[]>`SELECT 1 AS one`;
    return row!.one;
  } finally {
    await sql.end();
  }
}

afterAll(async () => {
  await discardEmbeddedCluster(dataDir);
  rmSync(`${dataDir}.owner`, { force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  it('initialises a cluster, creates the database, avoids a busy port, and reuses a running server', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busyPort = (blocker.address() as net.AddressInfo).port;
    try {
      const first = await start(busyPort);
      expect(first.startedHere).toBe(true);
      expect(first.port).not.toBe(busyPort);
      expect(await selectOne(first.url)).toBe(1);

      const second = await start();
      expect(second.startedHere).toBe(false);
      expect(second.port).toBe(first.port);
      await first.stop();
    } finally {
      blocker.close();
    }
  });

  it('recovers from a postmaster killed with SIGKILL', async () => {
    const server = await start();
    const pid = Number(readFileSync(path.join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    execFileSync('kill', ['-KILL', String(pid)]);
    // Its children die with it; the stale postmaster.pid stays behind.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = await start();
    expect(again.startedHere).toBe(true);
    expect(await selectOne(again.url)).toBe(1);
    // `server` was killed: stopping `again` stops the only postmaster there is.
    await again.stop();
  });

  it('says in one line why it cannot start', async () => {
    // A data dir below a regular file can never be created.
    const file = path.join(scratch, 'a-file');
    writeFileSync(file, '');
    const error = await startEmbeddedPostgres({ dataDir: path.join(file, 'cluster'), database: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/cluster/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});
