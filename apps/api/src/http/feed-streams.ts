import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  isTrackedEnvelope,
  TRPCError,
} from '@trpc/server';
import type { Context } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import type { ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';
import superjson from 'superjson';
import { clientAppOf } from '../auth/client-apps.ts';
import { appRouter } from '../router.ts';
import { createTRPCContext, type ApiServices } from '../trpc/context.ts';
import { SSE_OPTIONS } from '../trpc/init.ts';
import { deserializeInput, MALFORMED_INPUT_MESSAGE } from '../trpc/malformed-input.ts';
import { responseHeadersOf } from './response-headers.ts';

/**
 * Feeds that fan one event out to many streams (1,000 mechanics on one queue), served here rather
 * than by tRPC's adapter, which serializes each event again per stream (~0.5 ms CPU each): here it
 * is serialized once, in tRPC's SSE format, so clients keep `httpSubscriptionLink`. Auth and input
 * are still the router's procedures.
 */
type FeedContext = Context<{ Variables: RequestIdVariables }>;

export const FEED_PATHS = [
  'mechanic.queueFeed',
  'session.feed',
  'room.feed',
  'intake.mechanicsOnline',
] as const;

// A consumer this far behind is cut off; its client reconnects with its lastEventId.
const MAX_BUFFERED_BYTES = 1 << 20;

const frame = (fields: Record<string, string>) =>
  `${Object.entries(fields)
    .map(([name, value]) => `${name}: ${value}\n`)
    .join('')}\n`;

const PING_FRAME = frame({ event: 'ping', data: '' });
const CONNECTED_FRAME = frame({ event: 'connected', data: JSON.stringify(SSE_OPTIONS.client) });

/** `data:` lines of each yielded value, made once however many streams send it. */
const serialized = new WeakMap<object, string>();
function dataOf(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(superjson.serialize(value));
  let data = serialized.get(value);
  if (data === undefined) {
    data = JSON.stringify(superjson.serialize(value));
    serialized.set(value, data);
  }
  return data;
}

function lastEventIdOf(c: FeedContext): string | undefined {
  return c.req.header('last-event-id') ?? c.req.query('lastEventId') ?? c.req.query('Last-Event-Id');
}

/** As tRPC does: the reconnecting client's lastEventId joins the input. */
function inputWithLastEventId(input: unknown, lastEventId: string | undefined): unknown {
  if (!lastEventId) return input;
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return { ...input, lastEventId };
  return input ?? { lastEventId };
}

export function createFeedStreams(services: ApiServices) {
  const open = new Set<ServerResponse>();
  const drained: (() => void)[] = [];
  const pinger = setInterval(() => {
    for (const stream of open) stream.write(PING_FRAME);
  }, SSE_OPTIONS.ping.intervalMs);
  pinger.unref();

  async function handle(c: FeedContext, path: (typeof FEED_PATHS)[number], outgoing: ServerResponse) {
    const { headers } = c.req.raw;
    const requestId = c.get('requestId');
    const abort = new AbortController();
    // The client may have left while the request went through the middleware.
    if (outgoing.destroyed) abort.abort();
    else outgoing.once('close', () => abort.abort());

    const responseHeaders: Record<string, string> = {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      // The socket is not reused after a stream: a stopping server need not wait for it.
      connection: 'close',
    };
    Object.assign(responseHeaders, responseHeadersOf(c, services.config.APP_ORIGINS)); // CORS, request id
    outgoing.writeHead(200, responseHeaders);
    outgoing.write(CONNECTED_FRAME);

    let ctx: Awaited<ReturnType<typeof createTRPCContext>> | undefined;
    let input: unknown;
    let stopWatching: (() => void) | undefined;
    try {
      ctx = await createTRPCContext({ services, headers, requestId });
      // A revoked sign-in (signed out, a disabled account) ends the stream on every instance; the
      // client's reconnect is then refused as UNAUTHORIZED.
      const signIn = await services.authByApp.of(clientAppOf(headers)).sessions.sessionOf(headers);
      if (signIn) stopWatching = services.authByApp.revocations.watch(signIn, () => abort.abort());
      const iterable = (await callTRPCProcedure({
        router: appRouter,
        path,
        type: 'subscription',
        ctx,
        signal: abort.signal,
        batchIndex: 0,
        getRawInput: () => {
          const raw = c.req.query('input');
          let parsed: unknown;
          try {
            parsed = raw === undefined ? undefined : JSON.parse(raw);
          } catch (cause) {
            throw new TRPCError({ code: 'PARSE_ERROR', message: MALFORMED_INPUT_MESSAGE, cause });
          }
          // As tRPC's own handler reads an input (the depth checked, superjson's errors in our words).
          input = inputWithLastEventId(
            parsed === undefined ? undefined : deserializeInput(parsed),
            lastEventIdOf(c),
          );
          return Promise.resolve(input);
        },
      })) as AsyncIterable<unknown>;
      open.add(outgoing);
      services.metrics.openSubscriptions.inc({ feed: path });
      for await (const value of iterable) {
        const [id, data] = isTrackedEnvelope(value) ? value : [undefined, value];
        const chunk = id === undefined ? `data: ${dataOf(data)}\n\n` : `data: ${dataOf(data)}\nid: ${id}\n\n`;
        outgoing.write(chunk);
        if (outgoing.writableLength > MAX_BUFFERED_BYTES) break;
      }
    } catch (cause) {
      if (!abort.signal.aborted) {
        const error = getTRPCErrorFromUnknown(cause);
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          services.log.error({ err: error.cause ?? error, path, requestId }, 'feed failed');
        }
        const shape = getTRPCErrorShape({
          config: appRouter._def._config,
          ctx,
          error,
          input,
          path,
          type: 'subscription',
        });
        outgoing.write(
          frame({ event: 'serialized-error', data: JSON.stringify(superjson.serialize(shape)) }),
        );
      }
    } finally {
      stopWatching?.();
      if (open.delete(outgoing)) services.metrics.openSubscriptions.dec({ feed: path });
      // Every stream has stopped reading its feed: what is left to flush is the server's to close.
      if (open.size === 0) for (const resolve of drained.splice(0)) resolve();
      // No `return` event: a stream ends only when this instance stops (or the
      // client fell too far behind), and the client should reconnect. Not `end(callback)`: its
      // callback never comes when the client has already gone.
      outgoing.end();
      await finished(outgoing).catch(() => {});
    }
    return RESPONSE_ALREADY_SENT;
  }

  return {
    /** A Hono handler for `GET /trpc/<feed path>`; anything else falls through to tRPC. */
    route: async (c: FeedContext, next: () => Promise<void>) => {
      const path = FEED_PATHS.find((feed) => c.req.path === `/trpc/${feed}`);
      const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
      if (!path || c.req.method !== 'GET' || c.req.query('batch') !== undefined || !outgoing) return next();
      return handle(c, path, outgoing);
    },
    /** Stops pinging; resolves once every stream has ended (end the hub first). */
    close: async () => {
      clearInterval(pinger);
      if (open.size > 0) await new Promise<void>((resolve) => drained.push(resolve));
    },
  };
}
