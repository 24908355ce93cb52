import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { CLIENT_ADDRESS_HEADER } from './rate-limiter.ts';

/**
 * Sets the client's address on the request (CLIENT_ADDRESS_HEADER, replacing
 * whatever the client sent) for better-auth's limiter and ours: behind a
 * trusted proxy the last X-Forwarded-For entry (the one the proxy added; a
 * client's own entries come before it), else the connection's address.
 */
export function clientAddress(options: { trustProxy: boolean }): MiddlewareHandler {
  return async (c, next) => {
    const forwarded = options.trustProxy
      ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
      : undefined;
    let address = forwarded;
    if (!address) {
      try {
        address = getConnInfo(c).remote.address;
      } catch {
        address = undefined; // not a Node connection (e.g. app.request() in a test)
      }
    }
    c.req.raw.headers.set(CLIENT_ADDRESS_HEADER, address ?? 'unknown');
    await next();
  };
}
