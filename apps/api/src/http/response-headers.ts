import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { RequestIdVariables } from 'hono/request-id';

type AppContext = Context<{ Variables: RequestIdVariables }>;

/** Request headers a web app may send cross-origin (tRPC's, and which app it is). */
const ALLOW_HEADERS = ['content-type', 'trpc-accept', 'x-autodoctor-app'];

/**
 * The headers every answer carries: its request id, and CORS for the web apps' origins (with
 * credentials), as Hono's `cors()` sets them.
 */
export function responseHeadersOf(c: AppContext, appOrigins: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {
    'x-request-id': c.get('requestId'),
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
  const origin = c.req.header('origin');
  if (origin && appOrigins.includes(origin)) headers['access-control-allow-origin'] = origin;
  return headers;
}

/**
 * Adds {@link responseHeadersOf} to the handler's answer once it is made; preflights are Hono's
 * `cors()`. Hono's `cors()` sets its headers on `c.res` before the handler instead, and Hono then
 * copies a handler's own Response (tRPC's) into a new one to keep them: the body is turned into a
 * stream and read back, about a tenth of the API's CPU per tRPC call (`pnpm bench:api`).
 */
export function responseHeaders(
  appOrigins: readonly string[],
): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  const preflight = cors({ origin: [...appOrigins], credentials: true, allowHeaders: ALLOW_HEADERS });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    // A stream written by its handler (feed-streams.ts) sent its own; this one is shared.
    if (c.res === RESPONSE_ALREADY_SENT) return;
    for (const [name, value] of Object.entries(responseHeadersOf(c, appOrigins))) {
      if (name === 'vary') c.res.headers.append(name, value);
      else c.res.headers.set(name, value);
    }
  };
}
