// One API instance for `pnpm bench:api`, run as a child process of the bench so that the bench's
// clients do not share its event loop. Configured by the environment like `src/main.ts`; talks to
// the bench over the IPC channel only:
//   → { type: 'ready', url }                        once listening
//   ← { id, type: 'trace-begin' }                   start timing queue events (and CPU, event loop)
//   ← { id, type: 'trace-end', eventIds }           → { id, report: InstanceTrace }
//   ← { id, type: 'profile-start' }                 start V8's CPU profiler (`--cpu-prof DIR`)
//   ← { id, type: 'profile-stop', file }            write what it saw to `file` (.cpuprofile)
// It stops on SIGTERM / SIGINT, and when the bench goes away (the IPC channel closes).
//
// The timings are read from the outside, without changing the API: a second LISTEN callback on the
// hub's channel (when the NOTIFY arrived), a wrapper around the hub's `stream()` channels (when the
// hub handed the event to this instance's subscriptions), and a wrapper around
// `ServerResponse.write` (when the event was written to each SSE socket).
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import { Session as InspectorSession } from 'node:inspector/promises';
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

export type BenchCommand =
  | { type: 'trace-begin' }
  | { type: 'trace-end'; eventIds: number[] }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string };
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

// A feed event goes out as one string chunk, `data: …\nid: <session_events id>\n\n`
// (apps/api/src/http/feed-streams.ts): the moment it is written is when the client can have it.
type Write = typeof http.ServerResponse.prototype.write;
// Called below with the response as `this`.
// eslint-disable-next-line @typescript-eslint/unbound-method
const originalWrite: Write = http.ServerResponse.prototype.write;
const EVENT_ID = /\nid: (\d+)\n\n$/;
http.ServerResponse.prototype.write = function write(this: http.ServerResponse, ...args: Parameters<Write>) {
  const chunk: unknown = args[0];
  if (tracing && typeof chunk === 'string' && chunk.startsWith('data: ')) {
    const id = EVENT_ID.exec(chunk)?.[1];
    const trace = id === undefined ? undefined : traces.get(Number(id));
    if (trace) {
      const at = now();
      trace.firstSentAt ??= at;
      trace.lastSentAt = at;
      trace.sent++;
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
  hub.stream = async (signal) => {
    const channel = await stream(signal);
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

  // One phase's profile at a time, so a profile shows that phase's work only (not start-up).
  const profiler = new InspectorSession();
  profiler.connect();
  await profiler.post('Profiler.enable');

  process.on('message', (message: BenchRequest) => {
    if (message.type === 'profile-start') {
      void profiler.post('Profiler.start').then(() => send({ id: message.id }));
    } else if (message.type === 'profile-stop') {
      void profiler
        .post('Profiler.stop')
        .then(({ profile }) => writeFile(message.file, JSON.stringify(profile)))
        .then(() => send({ id: message.id }));
    } else if (message.type === 'trace-begin') {
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
