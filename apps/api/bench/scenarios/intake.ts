// bench:api scenario 1, intake: free sessions per second through `intake.startSession` over HTTP
// (plain keep-alive HTTP/1.1 requests, as tRPC's httpLink sends them, half of them to each of two
// instances) beside `createSessionRecord` called directly, INTAKE_CONCURRENCY in flight each,
// A-B-B-A (`--intake-rounds` times), `--seconds` per run.
import http from 'node:http';
import { createSessionRecord } from '@autodoctor/session-core';
import { makeUsers, type BenchUser } from '../accounts.ts';
import { FREE_INTAKE, type ApiBench } from '../api-bench.ts';
import type { CpuReport } from '../cpu.ts';
import { cores, mark, mean, progress, row, type PhaseCores } from '../harness.ts';
import { trpcMutation } from '../http-client.ts';

/** Calls in flight in the intake runs (and so the bench's own pool). */
export const INTAKE_CONCURRENCY = 16;
const GOAL_INTAKE_RATIO = 0.5;

export interface IntakeFigures {
  intake_concurrency: number;
  intake_runs_each: number;
  /** The measured HTTP calls each instance served. */
  intake_http_instances: Record<string, number>;
  intake_http_per_s: number;
  intake_direct_per_s: number;
  intake_ratio: number;
  goal_intake_ratio: number;
  intake_http_cpu_ms_per_session: number;
  intake_direct_cpu_ms_per_session: number;
  cpu_cores: { intake_direct: PhaseCores; intake_http: PhaseCores };
}

/** `intake.startSession` as the intake runs send it: without a tRPC client (see http-client.ts). */
const startSessionCall = trpcMutation<typeof FREE_INTAKE, { kind: string; session?: { id: string } }>(
  'intake.startSession',
  FREE_INTAKE,
);

export async function benchIntake(bench: ApiBench): Promise<IntakeFigures> {
  const { db, sql, instances, apiUrls, meterAll, profilePhase } = bench;
  const { seconds, intakeRounds } = bench.options;
  const direct = (customer: BenchUser) =>
    createSessionRecord(db, { ...FREE_INTAKE, customerUserId: customer.userId });
  // Over HTTP, slot i calls instance i % 2: half the calls in flight at each instance, through one
  // keep-alive agent per run (at most INTAKE_CONCURRENCY sockets per instance; half are used).
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
    httpAgent = new http.Agent({ keepAlive: true, maxSockets: INTAKE_CONCURRENCY });
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
          ? `over HTTP (${instances.map((instance) => instance.name).join(' + ')}, ${INTAKE_CONCURRENCY / instances.length} in flight at each)`
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
    const total = used('bench') + used('apiA') + used('apiB') + (bench.postmasterPid ? used('postgres') : 0);
    return {
      rate,
      cpu: cores(runs[0]!.cpu),
      /** CPU ms per session created: the bench (the client, or session-core itself), APIs A + B, PostgreSQL. */
      cpuMsPerSession: Math.round((total / rate) * 1000 * 100) / 100,
    };
  };
  const intakeHttp = intakeOf(intakeRuns.http);
  const intakeDirect = intakeOf(intakeRuns.direct);
  return {
    intake_concurrency: INTAKE_CONCURRENCY,
    intake_runs_each: 2 * intakeRounds,
    intake_http_instances: Object.fromEntries(
      instances.map((instance, index) => [instance.name, httpCallsMeasured[index]!]),
    ),
    intake_http_per_s: Math.round(intakeHttp.rate),
    intake_direct_per_s: Math.round(intakeDirect.rate),
    intake_ratio: Number((intakeHttp.rate / intakeDirect.rate).toFixed(3)),
    goal_intake_ratio: GOAL_INTAKE_RATIO,
    intake_http_cpu_ms_per_session: intakeHttp.cpuMsPerSession,
    intake_direct_cpu_ms_per_session: intakeDirect.cpuMsPerSession,
    cpu_cores: { intake_direct: intakeDirect.cpu, intake_http: intakeHttp.cpu },
  };
}

/**
 * Runs INTAKE_CONCURRENCY loops (slots 0 … INTAKE_CONCURRENCY - 1) calling `write` for
 * `runSeconds`, one fresh customer per call. Returns the calls per second, and whether the
 * customers ran out first (then the rate is up to that moment). A failed call stops the run: the
 * calls in flight are awaited and counted, then it throws, saying how many failed and how the first did.
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
    Array.from({ length: INTAKE_CONCURRENCY }, async (_, slot) => {
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

/** The intake's lines of the report. */
export function printIntake(
  s: Omit<IntakeFigures, 'cpu_cores'>,
  auth: { auth_cookies: string[]; auth_cookie_cache: boolean },
) {
  console.log(
    `Intake (free sessions; customers hold ${auth.auth_cookies.join(' + ')}, cookie cache ${auth.auth_cookie_cache ? 'on' : 'off'})`,
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
}
