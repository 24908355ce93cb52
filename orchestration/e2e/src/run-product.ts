import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProductState } from './product-state.ts';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const START_TIMEOUT_MS = 240_000;

export interface RunningProduct {
  state: ProductState;
  stop: () => Promise<void>;
}

/**
 * Runs the product as the README does — `pnpm dev` (Vite) or `pnpm start` (the
 * built apps) — on a throwaway database, and says where it listens.
 */
export async function startProduct(
  command: 'dev' | 'start',
  env: Record<string, string> = {},
): Promise<RunningProduct> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'autodoctor-product-'));
  const stateFile = path.join(dataDir, 'product.json');
  // Kept until the product has started (shown if it does not); after that only in
  // AUTODOCTOR_PRODUCT_LOG, when set: the API's JSON log of a whole browser run.
  let log: string[] | undefined = [];
  const logFile = process.env.AUTODOCTOR_PRODUCT_LOG
    ? createWriteStream(process.env.AUTODOCTOR_PRODUCT_LOG, { flags: 'a' })
    : undefined;
  const child = spawn('pnpm', [command], {
    cwd: workspaceRoot,
    env: { ...process.env, ...env, AUTODOCTOR_DATA_DIR: dataDir, AUTODOCTOR_DEV_STATE_FILE: stateFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: stopping it stops pnpm, the product and its PostgreSQL.
    detached: true,
  });
  const collect = (chunk: Buffer) => {
    log?.push(chunk.toString());
    logFile?.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, 'SIGINT');
      const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    logFile?.end();
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const state = await readFile(stateFile, 'utf8')
      .then((text) => JSON.parse(text) as ProductState)
      .catch(() => undefined);
    if (state) {
      log = undefined;
      return { state, stop };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`pnpm ${command} did not start:\n${(log ?? []).join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
