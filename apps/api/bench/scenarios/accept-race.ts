// bench:api scenario 3, accept race: ACCEPT_RACERS mechanics of the queue floor accept the same
// assignment at once, across both instances, with every queue-floor stream open; exactly one must
// win and the others get CONFLICT (else the bench fails). Each racer's time is from its request
// sent to its answer read.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeUsers, type BenchUser } from '../accounts.ts';
import { startFreeSession, type ApiBench } from '../api-bench.ts';
import {
  BenchFailure,
  cores,
  mark,
  ms,
  onCleanup,
  percentile,
  progress,
  row,
  sortedOf,
  type PhaseCores,
} from '../harness.ts';
import { trpcMutation } from '../http-client.ts';
import { now } from '../queue-feed-subscriber.ts';
import { ROUND_TIMEOUT_MS } from '../queue-floor.ts';

/** Unmeasured accept races first: the first rounds run code V8 has not optimised yet (2–3× slower). */
export const ACCEPT_WARMUP_ROUNDS = 3;
/** Mechanics racing for each assignment (fewer when there are not enough mechanics: winners sit out). */
const ACCEPT_RACERS = 50;
/** With 50 racers (issue 21). */
const GOAL_ACCEPT_P99_MS = 80;

/** How many mechanics race for each assignment with `mechanics` on the floor. */
export function acceptRacers(mechanics: number, acceptRounds: number): number {
  const racers = Math.min(ACCEPT_RACERS, mechanics - acceptRounds - ACCEPT_WARMUP_ROUNDS);
  if (racers < 2) {
    throw new Error(
      `--mechanics must be at least ${acceptRounds + ACCEPT_WARMUP_ROUNDS + 2} for the accept race`,
    );
  }
  return racers;
}

export interface AcceptFigures {
  accept_rounds: number;
  accept_racers: number;
  accept_p50_ms: number;
  accept_p99_ms: number;
  goal_accept_p99_ms: number;
  accept_max_ms: number;
  accept_single_winner_rounds: number;
  /**
   * CPU per round (its intake call, 50 accepts, the queue events they cause), warm-up included:
   * both instances; PostgreSQL (null when it runs elsewhere). Steadier than latency on a busy machine.
   */
  accept_api_cpu_ms_per_round: number | null;
  accept_postgres_cpu_ms_per_round: number | null;
  cpu_cores: { accept: PhaseCores };
}

export async function benchAcceptRace(bench: ApiBench): Promise<AcceptFigures> {
  const { sql, instances, clients, meterAll, profilePhase } = bench;
  const { acceptRounds } = bench.options;
  const racerCount = acceptRacers(bench.options.mechanics, acceptRounds);
  const { mechanics, tracker } = await bench.queueFloor();
  const customers = await makeUsers(sql, 'customer', ACCEPT_WARMUP_ROUNDS + acceptRounds, {
    apiUrls: bench.apiUrls,
  });

  progress(
    `Accept race: ${racerCount} mechanics, ${ACCEPT_WARMUP_ROUNDS} warm-up + ${acceptRounds} rounds …`,
  );
  const winners = new Set<string>();
  let cursor = 0;
  const nextRacers = (): BenchUser[] => {
    const chosen: BenchUser[] = [];
    while (chosen.length < racerCount) {
      const mechanic = mechanics[cursor++ % mechanics.length]!;
      if (!winners.has(mechanic.userId) && !chosen.includes(mechanic)) chosen.push(mechanic);
    }
    return chosen;
  };
  const acceptMs: number[] = [];
  // Keep-alive, a socket per racer: the warm-up rounds open them.
  const acceptAgent = new http.Agent({ keepAlive: true, maxSockets: racerCount });
  onCleanup('accept agent', () => acceptAgent.destroy());
  const stopAcceptProfile = await profilePhase('accept');
  const acceptMeter = meterAll();
  for (let round = -ACCEPT_WARMUP_ROUNDS; round < acceptRounds; round++) {
    const sessionId = await startFreeSession(clients[0]!, customers.pop()!);
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
      throw new BenchFailure(
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
  acceptAgent.destroy();
  const acceptSorted = sortedOf(acceptMs);
  const perRound = (...names: string[]) => {
    const used = names.map((name) => acceptCpu.cores[name]);
    if (used.some((value) => value === null || value === undefined)) return null;
    const cpuMs = used.reduce((sum: number, value) => sum + value!, 0) * acceptCpu.wallMs;
    return ms(cpuMs / (ACCEPT_WARMUP_ROUNDS + acceptRounds));
  };
  return {
    accept_rounds: acceptRounds,
    accept_racers: racerCount,
    accept_p50_ms: ms(percentile(acceptSorted, 50)),
    accept_p99_ms: ms(percentile(acceptSorted, 99)),
    goal_accept_p99_ms: GOAL_ACCEPT_P99_MS,
    accept_max_ms: ms(percentile(acceptSorted, 100)),
    accept_single_winner_rounds: acceptRounds,
    accept_api_cpu_ms_per_round: perRound('apiA', 'apiB'),
    accept_postgres_cpu_ms_per_round: perRound('postgres'),
    cpu_cores: { accept: cores(acceptCpu) },
  };
}

/** The accept race's lines of the report. */
export function printAcceptRace(s: Omit<AcceptFigures, 'cpu_cores'>): void {
  console.log(
    `Accept race (${s.accept_racers} mechanics × ${s.accept_rounds} rounds, through both instances)`,
  );
  row('exactly 1 winner, the rest CONFLICT', `${s.accept_rounds} / ${s.accept_rounds} rounds`, mark(true));
  row(
    'p50 / p99 / max',
    `${s.accept_p50_ms} / ${s.accept_p99_ms} / ${s.accept_max_ms} ms`,
    s.accept_racers === ACCEPT_RACERS
      ? `goal p99 < ${GOAL_ACCEPT_P99_MS} ms  ${mark(s.accept_p99_ms < GOAL_ACCEPT_P99_MS)}`
      : `(the goal is for ${ACCEPT_RACERS} racers)`,
  );
  row(
    'CPU per round: API A + B / PostgreSQL',
    `${s.accept_api_cpu_ms_per_round ?? '?'} / ${s.accept_postgres_cpu_ms_per_round ?? '?'} ms`,
    '(warm-up rounds included)',
  );
}
