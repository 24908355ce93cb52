// @ts-check
// How each app's origin forwards the API's paths, shared by Vite's proxy (app-vite-config.js) and
// `pnpm start`'s server (orchestration/dev/src/static-app-server.ts). No imports: the latter loads it alone.

/** Which app a request comes from: the API keeps each app's sign-in in a cookie of its own. */
export const APP_HEADER = 'x-autodoctor-app';
/** The API's paths, forwarded by each app's origin so that cookies are first-party. */
export const API_PATHS = /** @type {const} */ ([
  '/trpc',
  '/api/auth',
  '/api/photos',
  '/api/unsubscribe',
  '/api/account',
]);

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): about one connection, never forwarded by a proxy, in
 * either direction. `Proxy-*` (Proxy-Authorization, Proxy-Connection …) and whatever a
 * `Connection` header names go too, and `Expect`: the proxy's own server answered the client's
 * `100-continue` (Node's fetch refuses to send it on).
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

/**
 * The names among `names` (a request's or an answer's headers) that a proxy drops.
 * @param {Iterable<string>} names the header names present
 * @param {string | string[] | null | undefined} connection the `Connection` header's value
 * @returns {string[]} lower-cased
 */
export function hopByHopHeaders(names, connection) {
  const named = new Set(
    [connection ?? []]
      .flat()
      .flatMap((value) => value.split(','))
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
  return [...names]
    .map((name) => name.toLowerCase())
    .filter((name) => HOP_BY_HOP.has(name) || name.startsWith('proxy-') || named.has(name));
}

const GATEWAY_MESSAGE =
  'Could not reach the API: try again shortly (a change you sent may or may not have been made)';

/**
 * The answer when the API cannot be reached: a typed 502 as deploy/nginx answers one, in tRPC's
 * error shape under /trpc (the client reads `data.code`), else `{ code, message }`.
 * @param {string} path the request's path
 * @returns {string} JSON
 */
export function gatewayErrorBody(path) {
  return path.startsWith('/trpc')
    ? JSON.stringify({
        error: {
          json: { message: GATEWAY_MESSAGE, code: -32603, data: { code: 'BAD_GATEWAY', httpStatus: 502 } },
        },
      })
    : JSON.stringify({ code: 'BAD_GATEWAY', message: GATEWAY_MESSAGE });
}
