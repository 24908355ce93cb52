// Stripe's idempotent requests: a POST repeated with the same Idempotency-Key and the same
// parameters gets the first response again, marked `Idempotent-Replayed: true`, and does
// nothing twice. The SDK puts a key on every POST, so replays are what its retries see.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { StripeApiError } from './errors.ts';

interface Saved {
  /** Method, path and raw body of the first request. */
  fingerprint: string;
  /** Undefined while the first request is still running. */
  response?: { body: string; requestId: string };
}

export function idempotency(): MiddlewareHandler<AppEnv> {
  const saved = new Map<string, Saved>();
  return async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    const fingerprint = `${c.req.method} ${c.req.path}\n${await c.req.text()}`;
    const earlier = saved.get(key);
    if (earlier !== undefined) {
      if (earlier.fingerprint !== fingerprint) {
        throw new StripeApiError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. ` +
            `Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (earlier.response === undefined) {
        // 409 makes the SDK retry, by when the first request has finished.
        throw new StripeApiError(
          409,
          'idempotency_error',
          `There is currently another in-progress request using this Idempotency-Key (${key}). Try again later.`,
        );
      }
      c.header('Idempotent-Replayed', 'true');
      c.header('Original-Request', earlier.response.requestId);
      c.header('Content-Type', 'application/json');
      return c.body(earlier.response.body, 200);
    }

    const entry: Saved = { fingerprint };
    saved.set(key, entry);
    try {
      await next();
    } catch (error) {
      saved.delete(key); // never left "in progress" for good
      throw error;
    }
    // Like Stripe for parameter errors, a failed request saves nothing: the key can be used again.
    // (Every success of Stripe's v1 API is a 200.)
    if (c.res.status !== 200) {
      saved.delete(key);
      return;
    }
    entry.response = {
      body: await c.res.clone().text(),
      requestId: c.get('origin').requestId,
    };
  };
}
