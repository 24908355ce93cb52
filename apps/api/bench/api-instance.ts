// One API instance for `pnpm bench:api`, run as a child process of the bench so that the bench's
// clients do not share its event loop. Configured by the environment like `src/main.ts`; talks to
// the bench over the IPC channel only:
//   → { type: 'ready', url }                        once listening
//   ← { id, type: 'trace-begin' }                   start timing queue events (and CPU, event loop)
//   ← { id, type: 'trace-end', eventIds }           → { id, report: InstanceTrace }
// It stops on SIGTERM / SIGINT, and when the bench goes away (the IPC channel closes).
//
// The timings are read from the outside, without changing the API: a second LISTEN callback on the
// hub's channel (when the NOTIFY arrived), a wrapper around the hub's `stream()` channels (when the
// hub handed the event to this instance's subscriptions), and a wrapper around
// `ServerResponse.write` (when the event was written to each SSE socket).
import http from 'node:http';
import { loadConfig } from '../src/config.ts';
import { SESSION_EVENTS_CHANNEL } from '../src/realtime/event-hub.ts';
import { startApiServer } from '../src/server.ts';

/** Milliseconds on a clock every process of the machine shares (fractional). */
const now = () => performance.timeOrigin + performance.now();

/** When one queue event passed each step in this instance (absolute ms, see `now`). */
export interface EventTrace {
  notifiedAt: number | null;
  /** The hub pushed the event to the first / last subscription channel. */
  firstPushAt: number | null;
  lastPushAt: number | null;
  pushes: number;
  /** The write completing the event on an SSE stream: the first, the last, how many. */
  firstSentAt: number | null;
  lastSentAt: number | null;
  sent: number;
}

export interface InstanceTrace {
  events: Record<string, EventTrace>;
  /** Between trace-begin and trace-end: event-loop utilisation (0..1) and CPU time used. */
  eventLoopUtilization: number;
  cpuMs: number;
  wallMs: number;
}

export type BenchCommand = { type: 'trace-begin' } | { type: 'trace-end'; eventIds: number[] };
export type BenchRequest = BenchCommand & { id: number };

const traces = new Map<number, EventTrace>();
let tracing = false;
let baseline: { elu: ReturnType<typeof performance.eventLoopUtilization>; cpu: NodeJS.CpuUsage; at: number };

function traceOf(id: number): EventTrace {
  let trace = traces.get(id);
  if (!trace) {
    trace = {
      notifiedAt: null,
      firstPushAt: null,
      lastPushAt: null,
      pushes: 0,
      firstSentAt: null,
      lastSentAt: null,
      sent: 0,
    };
    traces.set(id, trace);
  }
  return trace;
}

// tRPC writes each SSE field as its own chunk: `data: …\n`, `id: <session_events id>\n`, then the
// blank line that completes the event, which is when a client can dispatch it.
type Write = typeof http.ServerResponse.prototype.write;
// Called below with the response as `this`.
// eslint-disable-next-line @typescript-eslint/unbound-method
const originalWrite: Write = http.ServerResponse.prototype.write;
const completing = new WeakMap<http.ServerResponse, EventTrace>();
http.ServerResponse.prototype.write = function write(this: http.ServerResponse, ...args: Parameters<Write>) {
  const chunk: unknown = args[0];
  if (tracing && chunk instanceof Uint8Array) {
    if (chunk.length > 4 && chunk[0] === 0x69 && chunk[1] === 0x64 && chunk[2] === 0x3a) {
      const line = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
      const trace = traces.get(Number(line.slice(3).trim()));
      if (trace) completing.set(this, trace);
    } else {
      const trace = completing.get(this);
      if (trace) {
        completing.delete(this);
        const at = now();
        trace.firstSentAt ??= at;
        trace.lastSentAt = at;
        trace.sent++;
      }
    }
  }
  return originalWrite.apply(this, args);
} as Write;

const send = (message: unknown) => {
  if (process.connected) process.send?.(message);
};

try {
  if (!process.send) throw new Error('api-instance.ts is started by bench-api.ts (it needs an IPC channel)');
  const api = await startApiServer(loadConfig(process.env));

  const { hub, db } = api.services;
  await db.$client.listen(SESSION_EVENTS_CHANNEL, (payload) => {
    if (tracing) traceOf(Number(payload)).notifiedAt ??= now();
  });
  const stream = hub.stream.bind(hub);
  hub.stream = (signal) => {
    const channel = stream(signal);
    const push = channel.push.bind(channel);
    channel.push = (event) => {
      if (tracing) {
        const trace = traceOf(event.id);
        const at = now();
        trace.firstPushAt ??= at;
        trace.lastPushAt = at;
        trace.pushes++;
      }
      push(event);
    };
    return channel;
  };

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= api
      .close()
      .catch((error: unknown) => void process.stderr.write(`api-instance: ${String(error)}\n`))
      .finally(() => process.exit(0)));
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  process.once('disconnect', () => void stop());

  process.on('message', (message: BenchRequest) => {
    if (message.type === 'trace-begin') {
      traces.clear();
      tracing = true;
      baseline = { elu: performance.eventLoopUtilization(), cpu: process.cpuUsage(), at: now() };
      send({ id: message.id });
    } else if (message.type === 'trace-end') {
      tracing = false;
      const cpu = process.cpuUsage(baseline.cpu);
      const report: InstanceTrace = {
        events: Object.fromEntries(
          message.eventIds.filter((id) => traces.has(id)).map((id) => [String(id), traces.get(id)!]),
        ),
        eventLoopUtilization: performance.eventLoopUtilization(baseline.elu).utilization,
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: now() - baseline.at,
      };
      send({ id: message.id, report });
    }
  });
  send({ type: 'ready', url: api.url });
} catch (error) {
  process.stderr.write(`api-instance: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
