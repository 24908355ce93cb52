import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiConfigInput } from '@autodoctor/api';
import { NGINX_DIR } from '@autodoctor/api/testing/deploy-nginx';

/** The API's entry file: each instance runs it as a process of its own. */
const MAIN = fileURLToPath(import.meta.resolve('@autodoctor/api/main'));

/** nginx is not installed here: one line saying what to do. */
export class NginxMissingError extends Error {
  override name = 'NginxMissingError';
  constructor() {
    super('nginx is not installed: apt-get install -y --no-install-recommends nginx (as .ci/run does)');
  }
}

/** The nginx binary on this machine (PATH or Debian's /usr/sbin), or undefined. */
export function findNginx(): string | undefined {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    const found = spawnSync(candidate, ['-v'], { stdio: 'ignore' });
    if (!found.error && found.status === 0) return candidate;
  }
  return undefined;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ClusterInstance {
  /** 1, 2, 3 … as in the logs' file names. */
  index: number;
  port: number;
  /** The instance itself, bypassing nginx. */
  url: string;
  /** Its metrics listener (`${metricsUrl}/metrics`; METRICS_PORT, a port of its own). */
  metricsUrl: string;
  /** The running process (undefined once it exited). */
  process: ChildProcess | undefined;
  /** Sends a signal (SIGKILL: the crash the fault tests make) and resolves once it exited. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  /** Starts it again on the same port and waits for it to be healthy. */
  restart: () => Promise<void>;
}

export interface LocalCluster {
  /** nginx: what clients, the apps and Stripe's webhooks talk to (also every instance's PUBLIC_URL). */
  url: string;
  instances: ClusterInstance[];
  /** Where nginx's configuration and every process's logs are. */
  dir: string;
  /** Stops nginx and every instance (SIGTERM, then SIGKILL), and removes `dir` unless `keepDir`. */
  stop: () => Promise<void>;
}

export interface LocalClusterOptions {
  /** The API settings every instance shares (DATABASE_URL, BETTER_AUTH_SECRET, Stripe …). */
  env: Partial<Record<keyof ApiConfigInput, string>>;
  /** How many API instances (default 3). */
  instances?: number;
  /** nginx's port on 127.0.0.1 (default: any free one). */
  port?: number;
  /** Keep the logs folder after `stop()`. */
  keepDir?: boolean;
}

/**
 * Runs the checked-in nginx configuration (deploy/nginx) on 127.0.0.1 in
 * front of N API instances, each its own process (the API's `main.ts`), all on one
 * database: the production layout on one machine, for local use and the fault
 * tests. The instances' addresses and nginx's port are written into a copy of
 * the configuration; nothing else about it changes.
 */
export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const nginx = findNginx();
  if (!nginx) throw new NginxMissingError();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'autodoctor-cluster-'));
  // nginx's workers run as `nobody` when the master is root: they must reach the temp folders.
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, 'tmp'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const count = options.instances ?? 3;
  const ports: number[] = [];
  const metricsPorts: number[] = [];
  for (let i = 0; i < count; i++) {
    ports.push(await freePort());
    metricsPorts.push(await freePort());
  }

  const children = new Set<ChildProcess>();
  const killAll = () => {
    for (const child of children) child.kill('SIGKILL');
  };
  // Whatever happens to this process, nothing it started outlives it.
  process.once('exit', killAll);

  const instances: ClusterInstance[] = ports.map((instancePort, i) => {
    const instance: ClusterInstance = {
      index: i + 1,
      port: instancePort,
      url: `http://127.0.0.1:${instancePort}`,
      metricsUrl: `http://127.0.0.1:${metricsPorts[i]!}`,
      process: undefined,
      kill: async (signal = 'SIGKILL') => {
        const child = instance.process;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill(signal);
        await exited;
      },
      restart: async () => {
        await instance.kill('SIGTERM');
        instance.process = spawnInstance(instance);
        await waitHealthy(instance);
      },
    };
    return instance;
  });

  function spawnInstance(instance: ClusterInstance): ChildProcess {
    const log = openSync(path.join(dir, `api-${instance.index}.log`), 'a');
    // The workspace packages as TypeScript source (root README, "Packages for other services").
    const child = spawn(process.execPath, ['--conditions=@autodoctor/source', '--import', 'tsx', MAIN], {
      env: {
        PATH: process.env.PATH,
        LOG_LEVEL: 'info',
        // nginx sets X-Forwarded-For to the client's address (deploy/nginx).
        TRUST_PROXY: 'on',
        ...options.env,
        HOST: '127.0.0.1',
        PORT: String(instance.port),
        METRICS_HOST: '127.0.0.1',
        METRICS_PORT: new URL(instance.metricsUrl).port,
        PUBLIC_URL: options.env.PUBLIC_URL ?? url,
      },
      // The IPC channel only tells the instance when this process is gone (main.ts stops then).
      stdio: ['ignore', log, log, 'ipc'],
    });
    closeSync(log);
    children.add(child);
    child.once('exit', () => {
      children.delete(child);
      if (instance.process === child) instance.process = undefined;
    });
    return child;
  }

  async function waitHealthy(instance: ClusterInstance): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (!instance.process) {
        throw new Error(
          `API instance ${instance.index} exited at start: ${tail(`api-${instance.index}.log`)}`,
        );
      }
      const healthy = await fetch(`${instance.url}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return;
      if (Date.now() > deadline) throw new Error(`API instance ${instance.index} not healthy after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const tail = (file: string) => {
    try {
      return readFileSync(path.join(dir, file), 'utf8').trim().split('\n').slice(-5).join(' | ');
    } catch {
      return '(no log)';
    }
  };

  let nginxProcess: ChildProcess | undefined;
  const stop = async () => {
    process.removeListener('exit', killAll);
    const exits = [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => clearTimeout(forced));
          // nginx stops at once on SIGTERM; the instances drain their streams first.
          child.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (const instance of instances) instance.process = spawnInstance(instance);
    await Promise.all(instances.map(waitHealthy));

    const site = readFileSync(path.join(NGINX_DIR, 'autodoctor.conf'), 'utf8')
      .replace(/^(\s*)server 127\.0\.0\.1:\d+ (.*)$/gm, '') // the example instances go …
      .replace(
        /^(upstream autodoctor_api \{\n)/m,
        (opening) =>
          opening + ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;\n`).join(''),
      )
      .replace(/^(\s*)listen 127\.0\.0\.1:\d+;/m, `$1listen 127.0.0.1:${port};`);
    writeFileSync(path.join(dir, 'autodoctor.conf'), site);
    writeFileSync(path.join(dir, 'nginx.conf'), readFileSync(path.join(NGINX_DIR, 'nginx.conf'), 'utf8'));
    const nginxLog = openSync(path.join(dir, 'nginx.out'), 'a');
    nginxProcess = spawn(
      nginx,
      ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')],
      { stdio: ['ignore', nginxLog, nginxLog] },
    );
    closeSync(nginxLog);
    children.add(nginxProcess);
    nginxProcess.once('exit', () => children.delete(nginxProcess!));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (nginxProcess.exitCode !== null) {
        throw new Error(`nginx exited at start: ${tail('error.log')} ${tail('nginx.out')}`);
      }
      const up = await fetch(`${url}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (up) break;
      if (Date.now() > deadline) throw new Error(`nginx not answering after 30 s: ${tail('error.log')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, instances, dir, stop };
}
