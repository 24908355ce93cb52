// `pnpm bench:api [--json] [--mechanics N] [--seconds S] [--rounds R] [--accept-rounds R] [--intake-rounds R]
//                 [--cpu-prof DIR]`
//
// The API under load, in one run, on a throwaway database (as `pnpm bench:core`: the embedded
// PostgreSQL, or DATABASE_URL's server), with API instances in child processes:
//  1. intake: free sessions per second through `intake.startSession` over HTTP (plain keep-alive
//     HTTP/1.1 requests, as tRPC's httpLink sends them, half of them to each of two instances)
//     beside `createSessionRecord` called directly, 16 in flight each, A-B-B-A;
//  2. queue fan-out: N mechanics subscribed to `mechanic.queueFeed` over SSE, half on each of two
//     instances; sessions are created one at a time and each mechanic's delay to receive the
//     `new_assignment` of that very session is measured;
//  3. accept race: 50 mechanics accept the same assignment at once, across both instances;
//     exactly one must win and the others get CONFLICT (else it exits 1);
//  4. session rooms: --rooms rooms active at once (customer and mechanic subscribed to room.feed
//     on different instances), customers sending --message-rate messages per second for
//     --room-seconds; each message timed from the send to the mechanic's stream (room-round-trip.ts).
//  5. photo upload: a 4 MB JPEG to one instance until its thumbnail is served by the other (photo-upload.ts).
// Every signed-in user is minted in the database and its session read back once through
// better-auth's get-session, keeping the cookies that sets (its cookie cache, when on): see accounts.ts.
// Progress goes to stderr; results to stdout, with `--json` one JSON object on the last line.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect, runMigrations, withDatabase } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import { createSessionRecord } from '@autodoctor/session-core';
import { startStripeEmulator } from '@autodoctor/stripe-emulator';
import { createTRPCClient, httpLink } from '@trpc/client';
import postgres from 'postgres';
import superjson from 'superjson';
import type { AppRouter } from '../src/router.ts';
import { BENCH_SECRET, checkMintedCookies, makeUsers, type BenchUser } from './accounts.ts';
import type { BenchCommand, EventTrace, InstanceTrace } from './api-instance.ts';
import { CpuMeter, parentPid, type CpuReport } from './cpu.ts';
import { benchPhotoUpload, printPhotoUpload } from './photo-upload.ts';
import { trpcMutation } from './http-client.ts';
import { now, QueueFeedSubscriber, type QueueFeedMessage } from './queue-feed-subscriber.ts';
import { measureRoomRoundTrip } from './room-round-trip.ts';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    mechanics: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '20' },
    'accept-rounds': { type: 'string', default: '10' },
    'intake-rounds': { type: 'string', default: '1' },
    rooms: { type: 'string', default: '500' },
    'message-rate': { type: 'string', default: '100' },
    'room-seconds': { type: 'string', default: '10' },
    /** A folder: each API instance writes a V8 CPU profile of each phase there (<phase>-<A|B>.cpuprofile). */
    'cpu-prof': { type: 'string' },
  },
});
const wholeArg = (name: keyof typeof args, min: number): number => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} takes a whole number ≥ ${min}`);
  return value;
};
const seconds = Number(args.seconds);
if (!(seconds > 0)) throw new Error('--seconds takes a positive number');
const mechanicCount = wholeArg('mechanics', 2);
const fanoutRounds = wholeArg('rounds', 1);
const acceptRounds = wholeArg('accept-rounds', 1);
const intakeRounds = wholeArg('intake-rounds', 1);
const roomCount = wholeArg('rooms', 1);
const messageRate = wholeArg('message-rate', 1);
const roomSeconds = wholeArg('room-seconds', 1);

/** Calls in flight in the intake runs. */
const CONCURRENCY = 16;
/** Unmeasured fan-out rounds first: they prove every subscription is live and warm the paths. */
const FANOUT_WARMUP_ROUNDS = 2;
/** Unmeasured accept races first: the first rounds run code V8 has not optimised yet (2–3× slower). */
const ACCEPT_WARMUP_ROUNDS = 3;
/** Mechanics racing for each assignment (fewer when there are not enough mechanics: winners sit out). */
const RACERS = Math.min(50, mechanicCount - acceptRounds - ACCEPT_WARMUP_ROUNDS);
if (RACERS < 2) {
  throw new Error(
    `--mechanics must be at least ${acceptRounds + ACCEPT_WARMUP_ROUNDS + 2} for the accept race`,
  );
}
/** A mechanic that has not received a round's event after this counts as not delivered. */
const ROUND_TIMEOUT_MS = 10_000;
const GOAL_INTAKE_RATIO = 0.5;
const GOAL_FANOUT_P99_MS = 100;
/** With 50 racers. */
const GOAL_ACCEPT_P99_MS = 100;
const GOAL_MESSAGE_P99_MS = 100;

const progress = (line: string) => process.stderr.write(`${line}\n`);
const intake = {
  type: 'free' as const,
  vehicle: { year: 2016, make: 'Mazda', model: 'CX-5' },
  concern: 'Squeal from the front left wheel when braking',
};
/** `intake.startSession` as the intake runs send it: without a tRPC client (see http-client.ts). */
const startSessionCall = trpcMutation<typeof intake, { kind: string; session?: { id: string } }>(
  'intake.startSession',
  intake,
);

// ---------------------------------------------------------------------------------------------
// Cleanup: everything started registers how to stop it; it runs once, last-started first, at the
// end, on an error, or on Ctrl-C / SIGTERM.

const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const { name, run } of cleanups.splice(0).reverse()) {
      try {
        await run();
      } catch (error) {
        progress(`cleanup: ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    progress(`${signal}: stopping the API instances and dropping the bench database …`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// API instances, each a child process running api-instance.ts under tsx (the bench's own loader).

interface ApiInstance {
  name: string;
  url: string;
  pid: number | undefined;
  request: (message: BenchCommand) => Promise<{ report?: InstanceTrace }>;
  stop: () => Promise<void>;
}

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
  cleanups.push({ name: `API ${name}`, run: instance.stop });
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
type BenchClient = ReturnType<typeof createBenchClient>;

async function startFreeSession(client: BenchClient, customer: BenchUser): Promise<string> {
  const result = await client.intake.startSession.mutate(intake, { context: { cookie: customer.cookie } });
  if (result.kind !== 'session') throw new Error(`intake.startSession returned ${result.kind}`);
  return result.session.id;
}

// ---------------------------------------------------------------------------------------------
// Statistics.

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const sortedOf = (values: number[]) => Float64Array.from(values).sort();
const median = (values: number[]) => percentile(sortedOf(values), 50);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const ms = (value: number) => Math.round(value * 10) / 10;

/**
 * Runs CONCURRENCY loops (slots 0 … CONCURRENCY - 1) calling `write` for `runSeconds`, one fresh
 * customer per call. Returns the calls per second, and whether the customers ran out first (then
 * the rate is up to that moment). A failed call stops the run: the calls in flight are awaited
 * and counted, then it throws, saying how many failed and how the first did.
 */
async function measure(
  label: string,
  write: (customer: BenchUser, slot: number) => Promise<unknown>,
  customers: BenchUser[],
  runSeconds: number,
): Promise<{ rate: number; ranOut: boolean }> {
  let next = 0;
  let done = 0;
  let ranOut = false;
  let failures = 0;
  let firstFailure = '';
  const started = performance.now();
  const deadline = started + runSeconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, slot) => {
      while (performance.now() < deadline && !ranOut && failures === 0) {
        const customer = customers[next++];
        if (!customer) {
          ranOut = true;
          break;
        }
        try {
          await write(customer, slot);
          done++;
        } catch (error) {
          if (failures++ === 0) firstFailure = error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  if (failures > 0) {
    throw new Error(
      `${label}: ${failures} of ${done + failures} calls failed, so the run was stopped; the first: ${firstFailure}`,
    );
  }
  return { rate: done / ((performance.now() - started) / 1000), ranOut };
}

/** Which mechanics have received the `new_assignment` of each session, and when. */
class FanoutTracker {
  readonly deliveries = new Map<string, Delivery>();
  /** new_assignment events received more than once by the same mechanic. */
  duplicates = 0;

  constructor(readonly subscribers: number) {}

  readonly onMessage = (subscriber: QueueFeedSubscriber, message: QueueFeedMessage): void => {
    if (message.type !== 'new_assignment') return;
    const delivery = this.#delivery(message.sessionId);
    if (!Number.isNaN(delivery.arrivals[subscriber.index]!)) {
      this.duplicates++;
      return;
    }
    delivery.arrivals[subscriber.index] = message.at;
    delivery.count++;
    delivery.eventId = message.eventId;
    delivery.assignmentId = message.assignmentId;
    if (delivery.count === this.subscribers) delivery.complete?.();
  };

  /** Resolves once every subscriber has the session's new_assignment, or after `timeoutMs`. */
  async waitFor(sessionId: string, timeoutMs: number): Promise<Delivery> {
    const delivery = this.#delivery(sessionId);
    if (delivery.count < this.subscribers) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        delivery.complete = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return delivery;
  }

  #delivery(sessionId: string): Delivery {
    let delivery = this.deliveries.get(sessionId);
    if (!delivery) {
      delivery = {
        arrivals: new Float64Array(this.subscribers).fill(NaN),
        count: 0,
        eventId: '',
        assignmentId: '',
      };
      this.deliveries.set(sessionId, delivery);
    }
    return delivery;
  }
}
interface Delivery {
  /** Per subscriber index: when the event arrived (NaN: not yet). */
  arrivals: Float64Array;
  count: number;
  eventId: string;
  assignmentId: string;
  complete?: () => void;
}

// ---------------------------------------------------------------------------------------------

interface FanoutRound {
  /** Which instance served the intake call (0 = A, 1 = B). */
  via: number;
  sentAt: number;
  resolvedAt: number;
  /** The commit, as first seen: the earliest NOTIFY at an instance, or the call resolving. */
  commitAt: number;
  delivery: Delivery;
}

/** CPU used during a phase, in cores, per process (tree); the machine's busy share. */
function cores(report: CpuReport) {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
  return {
    machine_busy: round(report.machineBusy),
    ...Object.fromEntries(Object.entries(report.cores).map(([name, value]) => [name, round(value)])),
  };
}

async function main() {
  let limits = '';
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    // not Linux: no check
  }
  const fileLimit = /Max open files\s+\d+\s+(\d+|unlimited)/.exec(limits)?.[1];
  // Node raises its soft limit to the hard one; the bench holds a socket per mechanic.
  if (fileLimit && fileLimit !== 'unlimited' && Number(fileLimit) < mechanicCount + 2 * roomCount + 500) {
    throw new Error(
      `the open-file limit (${fileLimit}) is too low for ${mechanicCount} SSE connections: raise it (ulimit -n)`,
    );
  }

  const local = await openLocalDatabase(progress);
  cleanups.push({ name: 'PostgreSQL', run: () => (local.startedHere ? local.stop() : undefined) });
  const benchDatabase = `autodoctor_bench_api_${process.pid}`;
  const admin = postgres(local.url, { max: 1, onnotice: () => {} });
  cleanups.push({ name: 'admin connection', run: () => admin.end({ timeout: 5 }) });
  await dropAbandonedDatabases(admin);
  await admin`CREATE DATABASE ${admin(benchDatabase)}`;
  cleanups.push({
    name: 'bench database',
    run: async () => void (await admin`DROP DATABASE IF EXISTS ${admin(benchDatabase)} WITH (FORCE)`),
  });
  const url = withDatabase(local.url, benchDatabase);
  await runMigrations(url);
  const { db, sql, close } = connect(url, { max: CONCURRENCY });
  cleanups.push({ name: 'bench pool', run: close });
  const [{ version, pid: backendPid }] = await sql<[{ version: string; pid: number }]>`
    SELECT current_setting('server_version') AS version, pg_backend_pid() AS pid`;
  const postmasterPid = parentPid(backendPid); // undefined when the server runs elsewhere

  const emulator = await startStripeEmulator();
  cleanups.push({ name: 'Stripe emulator', run: () => emulator.close() });
  const env = {
    DATABASE_URL: url,
    HOST: '127.0.0.1',
    PORT: '0',
    BETTER_AUTH_SECRET: BENCH_SECRET,
    STRIPE_EMULATOR_URL: emulator.url,
    LOG_LEVEL: 'silent',
    SCHEDULER: 'off',
    // Thousands of intakes from one address: the limits would be what is measured.
    RATE_LIMITS: 'off',
  };
  progress(`PostgreSQL ${version} (${local.description}); starting API instances A and B …`);
  const apiA = await spawnApi('A', env);
  const apiB = await spawnApi('B', env);
  const instances = [apiA, apiB];
  const apiUrls = instances.map((instance) => instance.url);
  const clients = instances.map((instance) => createBenchClient(instance.url));
  const clientA = clients[0]!;
  const meterAll = () => new CpuMeter({ apiA: apiA.pid, apiB: apiB.pid, postgres: postmasterPid });
  /** With --cpu-prof: profiles every API instance from now until the returned function is called. */
  const profilePhase = async (phase: string): Promise<() => Promise<void>> => {
    const dir = args['cpu-prof'];
    if (!dir) return async () => {};
    await mkdir(dir, { recursive: true });
    await Promise.all(instances.map((instance) => instance.request({ type: 'profile-start' })));
    return async () => {
      await Promise.all(
        instances.map((instance) =>
          instance.request({ type: 'profile-stop', file: join(dir, `${phase}-${instance.name}.cpuprofile`) }),
        ),
      );
    };
  };
  const cookieCheck = await checkMintedCookies(apiUrls, db, sql);
  progress(
    `Signed-in users hold ${cookieCheck.cookieNames.join(' + ')}, as after a real sign-in; better-auth's ` +
      `cookie cache is ${cookieCheck.cookieCache ? 'in use (get-session is answered from the cookie)' : 'not in use'}`,
  );

  // 1. Intake ----------------------------------------------------------------------------------
  const direct = (customer: BenchUser) =>
    createSessionRecord(db, { ...intake, customerUserId: customer.userId });
  // Over HTTP, slot i calls instance i % 2: half the calls in flight at each instance, through one
  // keep-alive agent per run (at most CONCURRENCY sockets per instance; CONCURRENCY / 2 are used).
  let httpAgent: http.Agent | undefined;
  const httpCalls = instances.map(() => 0);
  const overHttp = async (customer: BenchUser, slot: number) => {
    const via = slot % instances.length;
    const result = await startSessionCall.call(instances[via]!.url, customer.cookie, httpAgent!);
    if (result.kind !== 'session' || !result.session?.id) {
      throw new Error(`intake.startSession at ${instances[via]!.name} returned ${JSON.stringify(result)}`);
    }
    httpCalls[via]!++;
    return result.session.id;
  };
  const measureHttp = async (label: string, customers: BenchUser[], runSeconds: number) => {
    httpAgent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    try {
      return await measure(label, overHttp, customers, runSeconds);
    } finally {
      httpAgent.destroy();
    }
  };
  const makeCustomers = (count: number, signedIn: boolean) =>
    signedIn
      ? makeUsers(sql, 'customer', count, { apiUrls })
      : sql<{ id: string }[]>`
          INSERT INTO users (name, email, role)
          SELECT 'Bench customer ' || g, 'bench-direct-' || gen_random_uuid() || '@example.test', 'customer'
          FROM generate_series(1, ${count}::int) AS g
          RETURNING id`.then((rows) => rows.map((row) => ({ userId: row.id, cookie: '' })));

  progress('Intake: warming up both paths …');
  const warmup = Math.max(1, Math.min(2, seconds));
  // A run's customers are made before it, for the rate seen so far; a run that uses them all up
  // (the machine got faster) is run again with more.
  const estimate = {
    direct: (
      await measure('warm-up, direct', direct, await makeCustomers(Math.ceil(warmup * 5000), false), warmup)
    ).rate,
    http: (
      await measureHttp('warm-up, over HTTP', await makeCustomers(Math.ceil(warmup * 3000), true), warmup)
    ).rate,
  };
  type IntakeRun = { rate: number; cpu: CpuReport };
  /** Calls per instance in the measured HTTP runs. */
  const httpCallsMeasured = instances.map(() => 0);
  const intakeRuns: Record<'direct' | 'http', IntakeRun[]> = { direct: [], http: [] };
  const order = Array.from(
    { length: intakeRounds },
    () => ['direct', 'http', 'http', 'direct'] as const,
  ).flat();
  for (const [index, name] of order.entries()) {
    for (let attempt = 1; ; attempt++) {
      const customers = await makeCustomers(Math.ceil(estimate[name] * seconds * 2) + 200, name === 'http');
      const label = `Intake run ${index + 1}/${order.length}: ${
        name === 'http'
          ? `over HTTP (${instances.map((instance) => instance.name).join(' + ')}, ${CONCURRENCY / instances.length} in flight at each)`
          : 'createSessionRecord'
      }`;
      progress(`${label} …`);
      const callsBefore = [...httpCalls];
      const stopProfile = name === 'http' ? await profilePhase(`intake-${index + 1}`) : async () => {};
      const meter = meterAll();
      const { rate, ranOut } =
        name === 'http'
          ? await measureHttp(label, customers, seconds)
          : await measure(label, direct, customers, seconds);
      const cpu = meter.stop();
      await stopProfile();
      estimate[name] = Math.max(estimate[name], rate);
      if (!ranOut) {
        intakeRuns[name].push({ rate, cpu });
        if (name === 'http') {
          instances.forEach((_, i) => (httpCallsMeasured[i]! += httpCalls[i]! - callsBefore[i]!));
        }
        break;
      }
      if (attempt === 3) throw new Error(`intake run ${index + 1} kept running out of customers`);
      progress('  ran out of customers: again, with more');
    }
  }
  const intakeOf = (runs: IntakeRun[]) => {
    const rate = mean(runs.map((run) => run.rate));
    const used = (name: string) => mean(runs.map((run) => run.cpu.cores[name] ?? NaN));
    const total = used('bench') + used('apiA') + used('apiB') + (postmasterPid ? used('postgres') : 0);
    return {
      rate,
      cpu: cores(runs[0]!.cpu),
      /** CPU ms per session created: the bench (the client, or session-core itself), APIs A + B, PostgreSQL. */
      cpuMsPerSession: Math.round((total / rate) * 1000 * 100) / 100,
    };
  };
  const intakeHttp = intakeOf(intakeRuns.http);
  const intakeDirect = intakeOf(intakeRuns.direct);

  // 2. Queue fan-out ---------------------------------------------------------------------------
  progress(`Making ${mechanicCount} signed-in mechanics …`);
  // Each reads its session back at the instance it will subscribe to.
  const mechanics = await makeUsers(sql, 'mechanic', mechanicCount, { apiUrls, progress });
  const customers = await makeUsers(
    sql,
    'customer',
    FANOUT_WARMUP_ROUNDS + fanoutRounds + ACCEPT_WARMUP_ROUNDS + acceptRounds,
    {
      apiUrls,
    },
  );

  const tracker = new FanoutTracker(mechanicCount);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const subscribers = mechanics.map(
    (mechanic, index) =>
      new QueueFeedSubscriber(index, instances[index % 2]!.url, mechanic.cookie, agent, tracker.onMessage),
  );
  cleanups.push({
    name: 'subscribers',
    run: () => {
      for (const subscriber of subscribers) subscriber.close();
      agent.destroy();
    },
  });
  const opening = performance.now();
  for (let from = 0; from < subscribers.length; from += 100) {
    await Promise.all(subscribers.slice(from, from + 100).map((subscriber) => subscriber.open()));
    const opened = Math.min(from + 100, subscribers.length);
    if (opened % 500 === 0 || opened === subscribers.length) {
      progress(`  ${opened}/${subscribers.length} queueFeed subscriptions open`);
    }
  }
  const openSeconds = (performance.now() - opening) / 1000;

  const rounds: FanoutRound[] = [];
  let idle: { cpu: CpuReport; traces: InstanceTrace[] } | undefined;
  let fanoutMeter: CpuMeter | undefined;
  let stopFanoutProfile = async () => {};
  progress(`Fan-out: ${FANOUT_WARMUP_ROUNDS} warm-up + ${fanoutRounds} rounds …`);
  for (let round = -FANOUT_WARMUP_ROUNDS; round < fanoutRounds; round++) {
    if (round === 0) {
      // The cost of the open streams alone (tRPC pings each every 2 s), as a baseline.
      progress('  idle streams: 4 s …');
      await Promise.all(instances.map((instance) => instance.request({ type: 'trace-begin' })));
      const idleMeter = meterAll();
      await sleep(4000);
      idle = {
        cpu: idleMeter.stop(),
        traces: await Promise.all(
          instances.map(
            async (instance) => (await instance.request({ type: 'trace-end', eventIds: [] })).report!,
          ),
        ),
      };
      await Promise.all(instances.map((instance) => instance.request({ type: 'trace-begin' })));
      stopFanoutProfile = await profilePhase('fanout');
      fanoutMeter = meterAll();
    }
    const via = (round + FANOUT_WARMUP_ROUNDS) % 2;
    const sentAt = now();
    const sessionId = await startFreeSession(clients[via]!, customers.pop()!);
    const resolvedAt = now();
    const delivery = await tracker.waitFor(sessionId, ROUND_TIMEOUT_MS);
    if (round >= 0) rounds.push({ via, sentAt, resolvedAt, commitAt: resolvedAt, delivery });
    else if (delivery.count < mechanicCount) {
      throw new Error(
        `warm-up: only ${delivery.count}/${mechanicCount} subscribers received the new session's new_assignment`,
      );
    }
    await sleep(50); // lets the instances settle between rounds
  }
  const fanoutCpu = fanoutMeter!.stop();
  await stopFanoutProfile();
  const eventIds = rounds.map((round) => Number(round.delivery.eventId)).filter((id) => id > 0);
  const traces = await Promise.all(
    instances.map(async (instance) => (await instance.request({ type: 'trace-end', eventIds })).report!),
  );
  const eventTrace = (instance: number, round: FanoutRound): EventTrace | undefined =>
    traces[instance]!.events[round.delivery.eventId];
  for (const round of rounds) {
    const notified = [0, 1].map((instance) => eventTrace(instance, round)?.notifiedAt ?? Infinity);
    round.commitAt = Math.min(round.resolvedAt, ...notified);
  }

  const fromCommit: number[] = [];
  const fromResolved: number[] = [];
  const fromSent: number[] = [];
  const fromCommitByInstance: number[][] = [[], []];
  let delivered = 0;
  for (const round of rounds) {
    delivered += round.delivery.count;
    round.delivery.arrivals.forEach((at, index) => {
      if (Number.isNaN(at)) return;
      fromCommit.push(at - round.commitAt);
      fromResolved.push(at - round.resolvedAt);
      fromSent.push(at - round.sentAt);
      fromCommitByInstance[index % 2]!.push(at - round.commitAt);
    });
  }
  const fanoutSorted = sortedOf(fromCommit);

  // Where the time went, per instance: the median over the rounds of each step, in ms.
  const steps = instances.map((instance, index) => {
    const perRound = (step: (trace: EventTrace, round: FanoutRound) => number | null) =>
      ms(
        median(
          rounds
            .map((round) => {
              const trace = eventTrace(index, round);
              return trace ? step(trace, round) : null;
            })
            .filter((value): value is number => value !== null && Number.isFinite(value)),
        ),
      );
    const lastArrival = (round: FanoutRound) =>
      Math.max(...round.delivery.arrivals.filter((at, i) => i % 2 === index && !Number.isNaN(at)));
    const subscribersHere = Math.ceil((mechanicCount - index) / 2);
    const fanoutCores = fanoutCpu.cores[`api${instance.name}`];
    const idleCores = idle!.cpu.cores[`api${instance.name}`];
    return {
      instance: instance.name,
      subscribers: subscribersHere,
      /** Commit → this instance got the NOTIFY. */
      notify_ms: perRound((t, r) => t.notifiedAt && t.notifiedAt - r.commitAt),
      /** NOTIFY → the hub pushed the event to the subscriptions (its one read of session_events). */
      hub_read_ms: perRound((t) => t.notifiedAt && t.firstPushAt && t.firstPushAt - t.notifiedAt),
      /** Hub push → the event completely written to the first / last SSE socket. */
      first_sent_ms: perRound((t) => t.firstPushAt && t.firstSentAt && t.firstSentAt - t.firstPushAt),
      last_sent_ms: perRound((t) => t.firstPushAt && t.lastSentAt && t.lastSentAt - t.firstPushAt),
      /** Last socket written → last of this instance's subscribers parsed it in the bench. */
      client_ms: perRound((t, r) => t.lastSentAt && lastArrival(r) - t.lastSentAt),
      sent_per_event: Math.round(median(rounds.map((round) => eventTrace(index, round)?.sent ?? 0))),
      p99_ms: ms(percentile(sortedOf(fromCommitByInstance[index]!), 99)),
      event_loop_utilization: Math.round(traces[index]!.eventLoopUtilization * 100) / 100,
      idle_event_loop_utilization: Math.round(idle!.traces[index]!.eventLoopUtilization * 100) / 100,
      /** CPU per event per subscriber above the idle streams' cost. */
      cpu_ms_per_delivery:
        fanoutCores !== null && fanoutCores !== undefined && idleCores !== null && idleCores !== undefined
          ? Math.round(
              (((fanoutCores - idleCores) * fanoutCpu.wallMs) / (rounds.length * subscribersHere)) * 1000,
            ) / 1000
          : null,
    };
  });

  // 3. Accept race -----------------------------------------------------------------------------
  progress(`Accept race: ${RACERS} mechanics, ${ACCEPT_WARMUP_ROUNDS} warm-up + ${acceptRounds} rounds …`);
  const winners = new Set<string>();
  let cursor = 0;
  const nextRacers = (): BenchUser[] => {
    const chosen: BenchUser[] = [];
    while (chosen.length < RACERS) {
      const mechanic = mechanics[cursor++ % mechanics.length]!;
      if (!winners.has(mechanic.userId) && !chosen.includes(mechanic)) chosen.push(mechanic);
    }
    return chosen;
  };
  const acceptMs: number[] = [];
  // Keep-alive, a socket per racer: the warm-up rounds open them.
  const acceptAgent = new http.Agent({ keepAlive: true, maxSockets: RACERS });
  cleanups.push({ name: 'accept agent', run: () => acceptAgent.destroy() });
  const stopAcceptProfile = await profilePhase('accept');
  const acceptMeter = meterAll();
  for (let round = -ACCEPT_WARMUP_ROUNDS; round < acceptRounds; round++) {
    const sessionId = await startFreeSession(clientA, customers.pop()!);
    const { assignmentId, count } = await tracker.waitFor(sessionId, ROUND_TIMEOUT_MS);
    if (!assignmentId) throw new Error(`accept race: no mechanic received the new session (${count})`);
    const racers = nextRacers();
    // All launched in one go, alternately through A and B, as plain HTTP requests (http-client.ts):
    // a tRPC client's own CPU per call would be counted in every racer's wait.
    const accept = trpcMutation<{ assignmentId: string }, unknown>('mechanic.accept', { assignmentId });
    const outcomes = await Promise.all(
      racers.map(async (mechanic, index) => {
        const started = now();
        const via = instances[index % 2]!;
        try {
          const outcome = await accept.attempt(via.url, mechanic.cookie, acceptAgent);
          return { mechanic, ok: outcome.ok, code: outcome.ok ? 'OK' : outcome.code, ms: now() - started };
        } catch (error) {
          return { mechanic, ok: false, code: String(error), ms: now() - started };
        }
      }),
    );
    const won = outcomes.filter((outcome) => outcome.ok);
    const conflicts = outcomes.filter((outcome) => outcome.code === 'CONFLICT');
    const [row] = await sql<{ status: string; mechanics: number }[]>`
      SELECT s.status::text AS status,
             (SELECT count(*)::int FROM session_participants p
              WHERE p.session_id = s.id AND p.role = 'mechanic') AS mechanics
      FROM sessions s WHERE s.id = ${sessionId}`;
    if (
      won.length !== 1 ||
      conflicts.length !== racers.length - 1 ||
      row?.status !== 'waiting' ||
      row.mechanics !== 1
    ) {
      const codes = new Map<string, number>();
      for (const outcome of outcomes) codes.set(outcome.code, (codes.get(outcome.code) ?? 0) + 1);
      throw new RaceError(
        `accept race ${round < 0 ? 'warm-up' : `round ${round + 1}`}: expected 1 winner and ` +
          `${racers.length - 1} CONFLICT, got ${[...codes].map(([code, n]) => `${n}× ${code}`).join(', ')}; ` +
          `the session is ${row?.status} with ${row?.mechanics} mechanic(s)`,
      );
    }
    winners.add(won[0]!.mechanic.userId);
    if (round >= 0) acceptMs.push(...outcomes.map((outcome) => outcome.ms));
    await sleep(100);
  }
  const acceptCpu = acceptMeter.stop();
  await stopAcceptProfile();
  const acceptSorted = sortedOf(acceptMs);
  const ended = subscribers.filter((subscriber) => subscriber.endedBecause !== undefined);
  // The queue's subscribers are done: the rooms are measured on their own.
  for (const subscriber of subscribers) subscriber.close();

  // 4. Session rooms ---------------------------------------------------------------------------
  const stopRoomProfile = await profilePhase('rooms');
  const roomMeter = meterAll();
  const room = await measureRoomRoundTrip({
    db,
    sql,
    apiUrls,
    rooms: roomCount,
    messagesPerSecond: messageRate,
    seconds: roomSeconds,
    progress,
  });
  const roomCpu = roomMeter.stop();
  await stopRoomProfile();
  const messageSorted = sortedOf(room.round_trip_ms);

  // 4. Photo upload ----------------------------------------------------------------------------
  const photoUpload = await benchPhotoUpload({
    uploadUrl: apiA.url,
    readUrl: apiB.url,
    customer: (await makeUsers(sql, 'customer', 1, { apiUrls }))[0]!,
    progress,
  });

  // Results ------------------------------------------------------------------------------------
  return {
    postgres: version,
    mechanics: mechanicCount,
    seconds_per_run: seconds,
    intake_concurrency: CONCURRENCY,
    intake_runs_each: 2 * intakeRounds,
    /** The measured HTTP calls each instance served. */
    intake_http_instances: Object.fromEntries(
      instances.map((instance, index) => [instance.name, httpCallsMeasured[index]!]),
    ),
    auth_cookies: cookieCheck.cookieNames,
    auth_cookie_cache: cookieCheck.cookieCache,
    intake_http_per_s: Math.round(intakeHttp.rate),
    intake_direct_per_s: Math.round(intakeDirect.rate),
    intake_ratio: Number((intakeHttp.rate / intakeDirect.rate).toFixed(3)),
    goal_intake_ratio: GOAL_INTAKE_RATIO,
    intake_http_cpu_ms_per_session: intakeHttp.cpuMsPerSession,
    intake_direct_cpu_ms_per_session: intakeDirect.cpuMsPerSession,
    fanout_rounds: rounds.length,
    fanout_p50_ms: ms(percentile(fanoutSorted, 50)),
    fanout_p99_ms: ms(percentile(fanoutSorted, 99)),
    fanout_max_ms: ms(percentile(fanoutSorted, 100)),
    fanout_delivered: delivered,
    fanout_expected: mechanicCount * fanoutRounds,
    goal_fanout_p99_ms: GOAL_FANOUT_P99_MS,
    fanout_from_resolve_p50_ms: ms(median(fromResolved)),
    fanout_from_resolve_p99_ms: ms(percentile(sortedOf(fromResolved), 99)),
    fanout_from_send_p50_ms: ms(median(fromSent)),
    fanout_from_send_p99_ms: ms(percentile(sortedOf(fromSent), 99)),
    fanout_intake_call_p50_ms: ms(median(rounds.map((round) => round.resolvedAt - round.sentAt))),
    fanout_duplicates: tracker.duplicates,
    fanout_streams_ended: ended.length,
    fanout_subscribe_s: Math.round(openSeconds * 10) / 10,
    fanout_steps: steps,
    accept_rounds: acceptRounds,
    accept_racers: RACERS,
    accept_p50_ms: ms(percentile(acceptSorted, 50)),
    accept_p99_ms: ms(percentile(acceptSorted, 99)),
    goal_accept_p99_ms: GOAL_ACCEPT_P99_MS,
    message_rooms: room.rooms,
    message_streams: room.streams,
    message_rate_per_s: messageRate,
    message_sent: room.messages_sent,
    message_delivered: room.messages_delivered,
    message_send_failures: room.send_failures,
    message_streams_ended: room.streams_ended,
    message_p50_ms: ms(percentile(messageSorted, 50)),
    message_p99_ms: ms(percentile(messageSorted, 99)),
    message_max_ms: ms(percentile(messageSorted, 100)),
    goal_message_p99_ms: GOAL_MESSAGE_P99_MS,
    accept_max_ms: ms(percentile(acceptSorted, 100)),
    accept_single_winner_rounds: acceptRounds,
    ...photoUpload,
    cpu_cores: {
      intake_direct: intakeDirect.cpu,
      intake_http: intakeHttp.cpu,
      idle_streams: cores(idle!.cpu),
      fanout: cores(fanoutCpu),
      accept: cores(acceptCpu),
      rooms: cores(roomCpu),
    },
  };
}

/**
 * Drops the databases of earlier bench runs that were killed before they could (their process is
 * gone), when the server runs on this machine: there a pid in the name means something.
 */
async function dropAbandonedDatabases(admin: postgres.Sql): Promise<void> {
  const [{ pid }] = await admin<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
  if (parentPid(pid) === undefined) return;
  const alive = (benchPid: number) => {
    try {
      process.kill(benchPid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  };
  const databases = await admin<{ name: string }[]>`
    SELECT datname AS name FROM pg_database WHERE datname LIKE 'autodoctor\\_bench\\_api\\_%'`;
  for (const { name } of databases) {
    const benchPid = Number(name.slice('autodoctor_bench_api_'.length));
    if (Number.isInteger(benchPid) && !alive(benchPid)) {
      progress(`Dropping ${name}, left behind by a killed run`);
      await admin`DROP DATABASE IF EXISTS ${admin(name)} WITH (FORCE)`;
    }
  }
}

class RaceError extends Error {
  override name = 'RaceError';
}

function printHuman(s: Awaited<ReturnType<typeof main>>): void {
  const mark = (ok: boolean) => (ok ? '✓ met' : '✗ NOT met');
  const row = (label: string, value: string, goal = '') =>
    console.log(`  ${label.padEnd(38)}${value.padEnd(26)}${goal}`.trimEnd());
  console.log(
    `PostgreSQL ${s.postgres}; ${mechanicCount} mechanics on 2 API instances; intake: ${seconds} s per run, ` +
      `mean of ${2 * intakeRounds} runs each (A-B-B-A), ${CONCURRENCY} in flight`,
  );
  console.log(
    `Intake (free sessions; customers hold ${s.auth_cookies.join(' + ')}, cookie cache ${s.auth_cookie_cache ? 'on' : 'off'})`,
  );
  const share = Object.entries(s.intake_http_instances);
  const calls = share.reduce((sum, [, n]) => sum + n, 0);
  row(
    `intake.startSession over HTTP (${share.map(([name]) => name).join(' + ')})`,
    `${s.intake_http_per_s} /s`,
    `${s.intake_http_cpu_ms_per_session} ms CPU each; calls ` +
      share.map(([name, n]) => `${name} ${Math.round((n / Math.max(1, calls)) * 100)}%`).join(', '),
  );
  row(
    'createSessionRecord, direct',
    `${s.intake_direct_per_s} /s`,
    `${s.intake_direct_cpu_ms_per_session} ms CPU each`,
  );
  row(
    'intake_ratio (http / direct)',
    `${s.intake_ratio}`,
    `goal ≥ ${GOAL_INTAKE_RATIO}  ${mark(s.intake_ratio >= GOAL_INTAKE_RATIO)}`,
  );
  console.log(`Queue fan-out (${s.fanout_rounds} rounds; from the commit to each mechanic's new_assignment)`);
  row(
    'p50 / p99 / max',
    `${s.fanout_p50_ms} / ${s.fanout_p99_ms} / ${s.fanout_max_ms} ms`,
    `goal p99 < ${GOAL_FANOUT_P99_MS} ms  ${mark(s.fanout_p99_ms < GOAL_FANOUT_P99_MS)}`,
  );
  row(
    'delivered / expected',
    `${s.fanout_delivered} / ${s.fanout_expected}`,
    `all  ${mark(s.fanout_delivered === s.fanout_expected && s.fanout_streams_ended === 0)}`,
  );
  row(
    'p50 / p99 from the call resolving',
    `${s.fanout_from_resolve_p50_ms} / ${s.fanout_from_resolve_p99_ms} ms`,
  );
  row(
    'p50 / p99 from the call sent',
    `${s.fanout_from_send_p50_ms} / ${s.fanout_from_send_p99_ms} ms`,
    `(the call: p50 ${s.fanout_intake_call_p50_ms} ms)`,
  );
  console.log('  where the time goes, per instance (median of rounds, ms after the previous step):');
  for (const step of s.fanout_steps) {
    console.log(
      `    ${step.instance} (${step.subscribers} streams): NOTIFY +${step.notify_ms}, hub read +${step.hub_read_ms}, ` +
        `SSE written to first +${step.first_sent_ms} / last +${step.last_sent_ms} (${step.sent_per_event} streams), ` +
        `last parsed by the bench +${step.client_ms}; p99 ${step.p99_ms}`,
    );
    console.log(
      `      event loop busy ${Math.round(step.event_loop_utilization * 100)}% (idle streams alone ` +
        `${Math.round(step.idle_event_loop_utilization * 100)}%); ≈${step.cpu_ms_per_delivery} ms CPU per event per stream`,
    );
  }
  console.log(
    `Accept race (${s.accept_racers} mechanics × ${s.accept_rounds} rounds, through both instances)`,
  );
  row('exactly 1 winner, the rest CONFLICT', `${s.accept_rounds} / ${s.accept_rounds} rounds`, mark(true));
  row(
    'p50 / p99 / max',
    `${s.accept_p50_ms} / ${s.accept_p99_ms} / ${s.accept_max_ms} ms`,
    s.accept_racers === 50
      ? `goal p99 < ${GOAL_ACCEPT_P99_MS} ms  ${mark(s.accept_p99_ms < GOAL_ACCEPT_P99_MS)}`
      : `(the goal is for 50 racers)`,
  );
  console.log(
    `Session rooms (${s.message_rooms} rooms, ${s.message_streams} room.feed streams; ${s.message_rate_per_s} messages/s; sent through one instance, shown through the other)`,
  );
  row(
    'delivered',
    `${s.message_delivered} / ${s.message_sent}`,
    mark(
      s.message_delivered === s.message_sent &&
        s.message_send_failures === 0 &&
        s.message_streams_ended === 0,
    ),
  );
  row(
    'round trip p50 / p99 / max',
    `${s.message_p50_ms} / ${s.message_p99_ms} / ${s.message_max_ms} ms`,
    `goal p99 < ${GOAL_MESSAGE_P99_MS} ms  ${mark(s.message_p99_ms < GOAL_MESSAGE_P99_MS)}`,
  );
  printPhotoUpload(s);
  console.log('CPU (cores used; "machine" = busy share of all CPUs, other work on the machine included)');
  for (const [phase, cpu] of Object.entries(s.cpu_cores)) {
    const used = Object.entries(cpu)
      .filter(([name]) => name !== 'machine_busy')
      .map(([name, value]) => `${name} ${value ?? '?'}`)
      .join(', ');
    const busy = cpu.machine_busy === null ? '?' : `${Math.round(cpu.machine_busy * 100)}%`;
    console.log(`  ${phase.padEnd(14)} machine ${busy.padStart(4)}; ${used}`);
  }
}

let exitCode = 0;
try {
  const summary = await main();
  printHuman(summary);
  if (args.json) console.log(JSON.stringify(summary));
} catch (error) {
  if (!interrupted) {
    process.stderr.write(`\nbench:api failed: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!(error instanceof RaceError) && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    exitCode = 1;
  }
} finally {
  await cleanup();
}
if (!interrupted) process.exit(exitCode);
