import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertChromiumInstalled } from './chromium.ts';
import { shareProductState, type ProductState } from './product-state.ts';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const START_TIMEOUT_MS = 240_000;

/**
 * Starts the product as the README does (`pnpm dev`), on a throwaway database,
 * and stops it after the run. The API restarts on SIGUSR2 (see tooling/dev).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  assertChromiumInstalled();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'autodoctor-e2e-'));
  const stateFile = path.join(dataDir, 'product.json');
  const log: string[] = [];
  const dev = spawn('pnpm', ['dev'], {
    cwd: workspaceRoot,
    env: {
      ...process.env,
      AUTODOCTOR_DATA_DIR: dataDir,
      AUTODOCTOR_DEV_STATE_FILE: stateFile,
      // A pause long enough for a browser to notice that the API is gone.
      AUTODOCTOR_API_RESTART_PAUSE_MS: '4000',
      // The scheduler's tick makes due and orphaned sessions move by themselves.
      SCHEDULER_TICK_MS: '2000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const collect = (chunk: Buffer) => log.push(chunk.toString());
  dev.stdout.on('data', collect);
  dev.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => dev.on('exit', resolve));

  const deadline = Date.now() + START_TIMEOUT_MS;
  let state: ProductState | undefined;
  while (!state) {
    if (dev.exitCode !== null) throw new Error(`pnpm dev exited (${dev.exitCode}):\n${log.join('')}`);
    if (Date.now() > deadline) throw new Error(`pnpm dev did not start in time:\n${log.join('')}`);
    state = await readFile(stateFile, 'utf8')
      .then((text) => JSON.parse(text) as ProductState)
      .catch(() => undefined);
    if (!state) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  shareProductState(state);

  return async () => {
    if (dev.exitCode === null && dev.pid) {
      process.kill(-dev.pid, 'SIGINT');
      const timer = setTimeout(() => dev.pid && process.kill(-dev.pid, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
}
