import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './server.ts';

// Its own throwaway cluster, beside the one the test run uses.
const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'autodoctor-embedded-test-')), 'cluster');
const started: EmbeddedPostgres[] = [];

async function start(preferredPort?: number): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, database: 'app', ephemeral: true, preferredPort });
  started.push(server);
  return server;
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
  for (const server of started) await server.stop().catch(() => {});
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
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
    await again.stop();
    await server.stop().catch(() => {});
  });

  it('says in one line why it cannot start', async () => {
    // A data dir below a regular file can never be created.
    const file = path.join(path.dirname(dataDir), 'a-file');
    writeFileSync(file, '');
    const error = await startEmbeddedPostgres({ dataDir: path.join(file, 'cluster'), database: 'x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/cluster/);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });
});
