// bench:api scenario 2, queue fan-out: `--mechanics` mechanics subscribed to `mechanic.queueFeed`
// over SSE, half on each of two instances (the queue floor); sessions are created one at a time
// and each mechanic's delay to receive the `new_assignment` of that very session is measured, with
// a per-instance breakdown of where the time went (NOTIFY, hub read, SSE writes, client).
import { setTimeout as sleep } from 'node:timers/promises';
import { makeUsers } from '../accounts.ts';
import { startFreeSession, type ApiBench } from '../api-bench.ts';
import type { EventTrace, InstanceTrace } from '../api-instance.ts';
import type { CpuMeter, CpuReport } from '../cpu.ts';
import { cores, mark, median, ms, percentile, progress, row, sortedOf, type PhaseCores } from '../harness.ts';
import { now } from '../queue-feed-subscriber.ts';
import { ROUND_TIMEOUT_MS, type Delivery } from '../queue-floor.ts';

/** Unmeasured fan-out rounds first: they prove every subscription is live and warm the paths. */
const FANOUT_WARMUP_ROUNDS = 2;
const GOAL_FANOUT_P99_MS = 100;

interface FanoutRound {
  /** Which instance served the intake call (0 = A, 1 = B). */
  via: number;
  sentAt: number;
  resolvedAt: number;
  /** The commit, as first seen: the earliest NOTIFY at an instance, or the call resolving. */
  commitAt: number;
  delivery: Delivery;
}

export interface FanoutStep {
  instance: string;
  subscribers: number;
  /** Commit → this instance got the NOTIFY. */
  notify_ms: number;
  /** NOTIFY → the hub pushed the event to the subscriptions (its one read of session_events). */
  hub_read_ms: number;
  /** Hub push → the event completely written to the first / last SSE socket. */
  first_sent_ms: number;
  last_sent_ms: number;
  /** Last socket written → last of this instance's subscribers parsed it in the bench. */
  client_ms: number;
  sent_per_event: number;
  p99_ms: number;
  event_loop_utilization: number;
  idle_event_loop_utilization: number;
  /** CPU per event per subscriber above the idle streams' cost. */
  cpu_ms_per_delivery: number | null;
}

export interface FanoutFigures {
  fanout_rounds: number;
  fanout_p50_ms: number;
  fanout_p99_ms: number;
  fanout_max_ms: number;
  fanout_delivered: number;
  fanout_expected: number;
  goal_fanout_p99_ms: number;
  fanout_from_resolve_p50_ms: number;
  fanout_from_resolve_p99_ms: number;
  fanout_from_send_p50_ms: number;
  fanout_from_send_p99_ms: number;
  fanout_intake_call_p50_ms: number;
  fanout_duplicates: number;
  fanout_subscribe_s: number;
  fanout_steps: FanoutStep[];
  cpu_cores: { idle_streams: PhaseCores; fanout: PhaseCores };
}

export async function benchQueueFanout(bench: ApiBench): Promise<FanoutFigures> {
  const { instances, clients, meterAll, profilePhase } = bench;
  const { mechanics: mechanicCount, rounds: fanoutRounds } = bench.options;
  const { tracker, openSeconds } = await bench.queueFloor();
  const customers = await makeUsers(bench.sql, 'customer', FANOUT_WARMUP_ROUNDS + fanoutRounds, {
    apiUrls: bench.apiUrls,
  });

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
  const steps = instances.map((instance, index): FanoutStep => {
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
      notify_ms: perRound((t, r) => t.notifiedAt && t.notifiedAt - r.commitAt),
      hub_read_ms: perRound((t) => t.notifiedAt && t.firstPushAt && t.firstPushAt - t.notifiedAt),
      first_sent_ms: perRound((t) => t.firstPushAt && t.firstSentAt && t.firstSentAt - t.firstPushAt),
      last_sent_ms: perRound((t) => t.firstPushAt && t.lastSentAt && t.lastSentAt - t.firstPushAt),
      client_ms: perRound((t, r) => t.lastSentAt && lastArrival(r) - t.lastSentAt),
      sent_per_event: Math.round(median(rounds.map((round) => eventTrace(index, round)?.sent ?? 0))),
      p99_ms: ms(percentile(sortedOf(fromCommitByInstance[index]!), 99)),
      event_loop_utilization: Math.round(traces[index]!.eventLoopUtilization * 100) / 100,
      idle_event_loop_utilization: Math.round(idle!.traces[index]!.eventLoopUtilization * 100) / 100,
      cpu_ms_per_delivery:
        fanoutCores !== null && fanoutCores !== undefined && idleCores !== null && idleCores !== undefined
          ? Math.round(
              (((fanoutCores - idleCores) * fanoutCpu.wallMs) / (rounds.length * subscribersHere)) * 1000,
            ) / 1000
          : null,
    };
  });

  return {
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
    fanout_subscribe_s: Math.round(openSeconds * 10) / 10,
    fanout_steps: steps,
    cpu_cores: { idle_streams: cores(idle!.cpu), fanout: cores(fanoutCpu) },
  };
}

/** The fan-out's lines of the report; `streamsEnded`: the queue floor's streams that ended by themselves. */
export function printQueueFanout(s: Omit<FanoutFigures, 'cpu_cores'>, streamsEnded: number): void {
  console.log(`Queue fan-out (${s.fanout_rounds} rounds; from the commit to each mechanic's new_assignment)`);
  row(
    'p50 / p99 / max',
    `${s.fanout_p50_ms} / ${s.fanout_p99_ms} / ${s.fanout_max_ms} ms`,
    `goal p99 < ${GOAL_FANOUT_P99_MS} ms  ${mark(s.fanout_p99_ms < GOAL_FANOUT_P99_MS)}`,
  );
  row(
    'delivered / expected',
    `${s.fanout_delivered} / ${s.fanout_expected}`,
    `all  ${mark(s.fanout_delivered === s.fanout_expected && streamsEnded === 0)}`,
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
}
