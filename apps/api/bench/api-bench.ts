// `pnpm bench:api`'s harness, which every scenario (bench/scenarios/) takes: the throwaway database,
// two API instances (A and B) in child processes running api-instance.ts (so that the bench's
// clients do not share their event loop), a tRPC client of each, CPU meters and V8 profiles of a
// phase, and the queue floor (signed-in mechanics on `mechanic.queueFeed`) that the fan-out and
// the accept race share.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStripeEmulator } from '@autodoctor/stripe-emulator';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '../src/router.ts';
import { BENCH_SECRET, checkMintedCookies, type BenchUser, type MintedCookieCheck } from './accounts.ts';
import type { BenchCommand, InstanceTrace } from './api-instance.ts';
import { CpuMeter } from './cpu.ts';
import { onCleanup, openBenchDatabase, progress, type BenchDatabase } from './harness.ts';
import { openQueueFloor, type QueueFloor } from './queue-floor.ts';

/** bench:api's options, as its flags give them. */
export interface ApiBenchOptions {
  /** Signed-in mechanics on the queue feed (the fan-out's subscribers, the accept race's pool). */
  mechanics: number;
  /** Seconds per intake run. */
  seconds: number;
  /** Measured fan-out rounds. */
  rounds: number;
  acceptRounds: number;
  /** A-B-B-A groups of intake runs. */
  intakeRounds: number;
  rooms: number;
  /** Room messages per second, over all rooms. */
  messageRate: number;
  roomSeconds: number;
  /** With `--cpu-prof DIR`: each instance writes a V8 CPU profile of each phase there. */
  cpuProfDir: string | undefined;
}

export interface ApiInstance {
  name: string;
  url: string;
  pid: number | undefined;
  request: (message: BenchCommand) => Promise<{ report?: InstanceTrace }>;
  stop: () => Promise<void>;
}

/** A tRPC client of one instance; each call says whose cookie to send (`context.cookie`). */
function createBenchClient(apiUrl: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${apiUrl}/trpc`,
        transformer: superjson,
        headers: ({ op }) => ({ cookie: (op.context as { cookie?: string }).cookie ?? '' }),
      }),
    ],
  });
}
export type BenchClient = ReturnType<typeof createBenchClient>;

export interface ApiBench extends BenchDatabase {
  options: ApiBenchOptions;
  /** A and B. */
  instances: ApiInstance[];
  apiUrls: string[];
  clients: BenchClient[];
  /** How signed-in users are made (see accounts.ts), checked against a real sign-in. */
  cookieCheck: MintedCookieCheck;
  /** CPU of the bench, both instances and PostgreSQL from now until `stop()`. */
  meterAll: () => CpuMeter;
  /** With --cpu-prof: profiles every instance from now until the returned function is called. */
  profilePhase: (phase: string) => Promise<() => Promise<void>>;
  /** The queue floor, opened on first use and kept until `closeQueueFloor`. */
  queueFloor: () => Promise<QueueFloor>;
  /** Closes the queue floor, if open: how many of its streams had ended by themselves (else undefined). */
  closeQueueFloor: () => number | undefined;
}

/** The bench's own pool: `poolMax` connections (as many as the intake's direct calls in flight). */
export async function startApiBench(options: ApiBenchOptions, poolMax: number): Promise<ApiBench> {
  const database = await openBenchDatabase('autodoctor_bench_api_', poolMax);
  const emulator = await startStripeEmulator();
  onCleanup('Stripe emulator', () => emulator.close());
  const env = {
    DATABASE_URL: database.url,
    HOST: '127.0.0.1',
    PORT: '0',
    BETTER_AUTH_SECRET: BENCH_SECRET,
    STRIPE_EMULATOR_URL: emulator.url,
    LOG_LEVEL: 'silent',
    SCHEDULER: 'off',
    // Thousands of intakes from one address: the limits would be what is measured.
    RATE_LIMITS: 'off',
  };
  progress(`PostgreSQL ${database.version} (${database.description}); starting API instances A and B …`);
  const instances = [await spawnApi('A', env), await spawnApi('B', env)];
  const apiUrls = instances.map((instance) => instance.url);
  const cookieCheck = await checkMintedCookies(apiUrls, database.db, database.sql);
  progress(
    `Signed-in users hold ${cookieCheck.cookieNames.join(' + ')}, as after a real sign-in; better-auth's ` +
      `cookie cache is ${cookieCheck.cookieCache ? 'in use (get-session is answered from the cookie)' : 'not in use'}`,
  );

  let floor: Promise<QueueFloor> | undefined;
  let opened: QueueFloor | undefined;
  const bench: ApiBench = {
    ...database,
    options,
    instances,
    apiUrls,
    clients: instances.map((instance) => createBenchClient(instance.url)),
    cookieCheck,
    meterAll: () =>
      new CpuMeter({
        apiA: instances[0]!.pid,
        apiB: instances[1]!.pid,
        postgres: database.postmasterPid,
      }),
    profilePhase: async (phase) => {
      const dir = options.cpuProfDir;
      if (!dir) return async () => {};
      await mkdir(dir, { recursive: true });
      await Promise.all(instances.map((instance) => instance.request({ type: 'profile-start' })));
      return async () => {
        await Promise.all(
          instances.map((instance) =>
            instance.request({
              type: 'profile-stop',
              file: join(dir, `${phase}-${instance.name}.cpuprofile`),
            }),
          ),
        );
      };
    },
    queueFloor: () =>
      (floor ??= openQueueFloor(bench).then((open) => {
        opened = open;
        onCleanup('queue floor', () => open.close());
        return open;
      })),
    closeQueueFloor: () => {
      const ended = opened?.close();
      opened = undefined;
      floor = undefined;
      return ended;
    },
  };
  return bench;
}

/** The free intake every scenario starts sessions with. */
export const FREE_INTAKE = {
  type: 'free' as const,
  vehicle: { year: 2016, make: 'Mazda', model: 'CX-5' },
  concern: 'Squeal from the front left wheel when braking',
};

/** A free session started through a tRPC client, as the customer app starts one. */
export async function startFreeSession(client: BenchClient, customer: BenchUser): Promise<string> {
  const result = await client.intake.startSession.mutate(FREE_INTAKE, {
    context: { cookie: customer.cookie },
  });
  if (result.kind !== 'session') throw new Error(`intake.startSession returned ${result.kind}`);
  return result.session.id;
}

/** An API instance: a child process running api-instance.ts under tsx (the bench's own loader). */
async function spawnApi(name: string, env: Record<string, string>): Promise<ApiInstance> {
  const entry = fileURLToPath(new URL('./api-instance.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [...process.execArgv, entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting = new Map<
    number,
    { resolve: (reply: { report?: InstanceTrace }) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  const instance: Omit<ApiInstance, 'url'> = {
    name,
    pid: child.pid,
    request: (message) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        waiting.set(id, { resolve, reject });
        child.send({ ...message, id });
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
  onCleanup(`API ${name}`, instance.stop);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API ${name} did not start within 60 s`)), 60_000);
    child.on('message', (message: { type?: string; url?: string; id?: number; report?: InstanceTrace }) => {
      if (message.type === 'ready' && message.url) {
        clearTimeout(timer);
        resolve(message.url);
      } else if (message.id !== undefined) {
        waiting.get(message.id)?.resolve(message);
        waiting.delete(message.id);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const error = new Error(`API ${name} exited (${signal ?? `code ${code}`})`);
      reject(error);
      for (const { reject: fail } of waiting.values()) fail(error);
    });
  });
  return { ...instance, url };
}
