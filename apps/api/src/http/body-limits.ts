import { API_BATCH_MAX_CALLS } from '@autodoctor/api-client/limits';
import { ROOM_LIMITS } from '@autodoctor/session-core/rules';
import type { Context, MiddlewareHandler } from 'hono';
import { IncomingMessage } from 'node:http';
import { BodyTooLargeError, discardBody, readCappedBody } from '../photos/read-capped-body.ts';
import { AUTH_BODY_LIMIT_BYTES } from './auth-routes.ts';

const KIB = 1024;

/**
 * The most calls one batched tRPC request may carry (tRPC's `maxBatchSize`): a larger batch is
 * refused whole, nothing called. The apps' batch link sends at most this many at once.
 */
export const TRPC_MAX_BATCH_CALLS = API_BATCH_MAX_CALLS;

/**
 * The most bytes each route reads of a request body: a larger one is answered 413 before anything
 * parses it (a Content-Length above the limit at once, a chunked body as soon as it passes it).
 * deploy/nginx's `client_max_body_size` of each location is the same number, but for photos, where
 * nginx lets a little more through so that the API's own answer says why
 * (`http/body-limits.test.ts` compares them).
 */
export const BODY_LIMITS = {
  /**
   * `POST /trpc`: a full batch of the largest input, a room message of 4,000 characters
   * (≤ 12 KB as JSON), fits; nothing a client sends is larger.
   */
  trpc: 256 * KIB,
  /** `/api/auth`: account forms only. */
  auth: AUTH_BODY_LIMIT_BYTES,
  /** `POST /webhooks/stripe`: Stripe's events are a few KB (it documents no maximum). */
  stripeWebhook: 1024 * KIB,
  /** `POST /api/photos`: the photo's bytes (read by `photos/read-capped-body.ts`). */
  photo: ROOM_LIMITS.photoMaxBytes,
} as const;

/** What a 413 says: the limit, in KB or MB. */
export function bodyTooLargeMessage(limitBytes: number): string {
  const size =
    limitBytes >= 1024 * KIB ? `${limitBytes / (1024 * KIB)} MB` : `${Math.round(limitBytes / KIB)} KB`;
  return `The request body is larger than ${size}, the most this endpoint takes`;
}

/** How much of a refused body is read and dropped before answering (see `limitBody`). */
const REFUSED_BODY_ALLOWANCE_BYTES = 1024 * KIB;

/**
 * The request's HTTP/1.1 message as Node parsed it (@hono/node-server's `c.env.incoming`), whose
 * body is exactly what its Content-Length or Transfer-Encoding says; undefined elsewhere (`app.request`).
 */
function http1Incoming(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof IncomingMessage ? incoming : undefined;
}

/**
 * Caps the body of the requests it runs for at `maxBytes`: over it, `answer` (a 413) is sent and
 * nothing after this runs. A declared Content-Length within the cap passes as it is (Node's parser
 * holds a body to its Content-Length); a chunked one is read here, at most `maxBytes` of it.
 *
 * The rest of a refused body is read and dropped first, up to 1 MB, as the photo routes do: an
 * answer sent while the client is still sending, then a close, resets the connection under the
 * answer. A body declaring more is answered at once, with `Connection: close`.
 *
 * Under Node the headers alone say whether there is a body: `c.req.raw.body` would build the whole
 * web Request (undici's, with a body stream) that @hono/node-server otherwise never makes, since
 * tRPC reads the body through `req.json()`, straight from the IncomingMessage: ~8% of an accept's
 * CPU. Only a chunked body, read here, is read through the web Request.
 */
export function limitBody(
  maxBytes: number,
  answer: (c: Context, message: string) => Response,
): MiddlewareHandler {
  const refuse = async (c: Context) => {
    const drained = await discardBody(c.req.raw, REFUSED_BODY_ALLOWANCE_BYTES);
    const response = answer(c, bodyTooLargeMessage(maxBytes));
    if (!drained) response.headers.set('connection', 'close');
    return response;
  };
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    const chunked = Boolean(c.req.header('transfer-encoding'));
    if (declared !== undefined && !chunked) {
      if (Number(declared) > maxBytes) return refuse(c);
      return next();
    }
    // Neither header: an HTTP/1.1 request without a body.
    if (!chunked && http1Incoming(c)) return next();
    if (!c.req.raw.body) return next();
    let bytes: Buffer;
    try {
      bytes = await readCappedBody(c.req.raw, maxBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuse(c);
      throw error;
    }
    c.req.raw = new Request(c.req.raw, { body: new Uint8Array(bytes) });
    return next();
  };
}
