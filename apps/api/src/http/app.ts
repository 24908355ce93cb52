import { getTRPCErrorShape, transformTRPCResponse, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { sql } from '@autodoctor/db/orm';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { Hono, type Context } from 'hono';
import { requestId } from 'hono/request-id';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../database-unavailable.ts';
import { appRouter } from '../router.ts';
import { handleAuthRequest } from './auth-routes.ts';
import { BODY_LIMITS, limitBody, TRPC_MAX_BATCH_CALLS } from './body-limits.ts';
import { allowedOriginsOf, crossSiteRefusal } from './csrf.ts';
import { clientAddress } from '../rate-limit/client-address.ts';
import { RateLimitedError } from '../rate-limit/rate-limiter.ts';
import { limitSignInPerAccount } from '../rate-limit/limits.ts';
import { createFeedStreams } from './feed-streams.ts';
import { responseHeaders } from './response-headers.ts';
import { photoProcedureOf, registerPhotoRoutes } from './photo-routes.ts';
import { registerAccountRoutes } from './account-routes.ts';
import { registerUnsubscribeRoutes } from './unsubscribe-routes.ts';
import { handleStripeEvent, verifyStripeEvent, WebhookSignatureError } from '../stripe/webhook.ts';
import { createTRPCContext, type ApiServices } from '../trpc/context.ts';

export const WEBHOOK_SIGNATURE_MESSAGE = 'The Stripe-Signature header is missing or does not sign this body';

const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));
const AUTH_ENDPOINTS = new Set(['sign-up/email', 'sign-in/email', 'sign-out', 'get-session']);

/**
 * A request's `procedure` label: the tRPC path, or the route; never free text
 * from the URL, so a client cannot make up label values without end.
 */
function procedureOf(method: string, path: string): string {
  if (path === '/api/photos' || path.startsWith('/api/photos/')) return photoProcedureOf(method, path);
  if (path.startsWith('/trpc/')) {
    const procedure = path.slice('/trpc/'.length);
    return PROCEDURES.has(procedure) ? procedure : 'trpc:other';
  }
  if (path.startsWith('/api/auth/')) {
    const endpoint = path.slice('/api/auth/'.length);
    return `auth:${AUTH_ENDPOINTS.has(endpoint) ? endpoint : 'other'}`;
  }
  if (path === '/webhooks/stripe' || path === '/healthz' || path === '/api/account/export') return path;
  if (path === '/api/unsubscribe') return method === 'POST' ? 'unsubscribe:post' : 'unsubscribe:get';
  return 'other';
}

/** An error of ours (`{ code, message }`), as the photo and account routes answer. */
const errorAnswer = (status: ContentfulStatusCode, code: string) => (c: Context, message: string) =>
  c.json({ code, message }, status);

/**
 * An error answered before tRPC's handler, in tRPC's own shape (superjson's envelope, our error
 * formatter), so that the client reads it as it reads any other: `TRPCClientError` with `data.code`.
 */
function trpcErrorAnswer(code: TRPC_ERROR_CODE_KEY, status: ContentfulStatusCode) {
  return (c: Context, message: string) => {
    const { _config: config } = appRouter._def;
    const error = new TRPCError({ code, message });
    const shape = getTRPCErrorShape({
      config,
      error,
      type: 'unknown',
      path: undefined,
      input: undefined,
      ctx: undefined,
    });
    return c.json(transformTRPCResponse(config, { error: shape }), status);
  };
}

/**
 * The HTTP surface: `/trpc/*` (the typed API, subscriptions over SSE),
 * `/api/auth/*` (better-auth), `/api/photos` (photo-routes.ts), `GET /api/account/export`
 * (account-routes.ts), `POST /webhooks/stripe`,
 * `GET /healthz`. The metrics are served on a port of their own (metrics-server.ts).
 */
export function createHttpApp(services: ApiServices & { webhookSecret: string }) {
  const app = new Hono();
  const { log } = services;
  const feeds = createFeedStreams(services);
  const allowedOrigins = allowedOriginsOf(services.config.APP_ORIGINS, services.publicUrl);

  app.use(requestId());
  app.use(clientAddress({ trustProxy: services.config.TRUST_PROXY === 'on' }));
  app.use(async (c, next) => {
    const started = performance.now();
    // For debugging a client: its headers, cookies and signatures redacted (logger.ts).
    if (log.isLevelEnabled('trace')) {
      log.trace(
        { requestId: c.get('requestId'), headers: Object.fromEntries(c.req.raw.headers) },
        'request headers',
      );
    }
    await next();
    const ms = performance.now() - started;
    // Subscriptions log when they open; their stream goes on after this.
    log.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(ms),
      },
      'request',
    );
    const labels = { procedure: procedureOf(c.req.method, c.req.path), code: String(c.res.status) };
    services.metrics.requests.inc(labels);
    services.metrics.requestDuration.observe(labels, ms / 1000);
  });
  app.use(responseHeaders(services.config.APP_ORIGINS));

  app.get('/healthz', async (c) => {
    try {
      await services.db.execute(sql`SELECT 1`);
      return c.json({ status: 'ok', database: 'reachable' });
    } catch {
      return c.json({ status: 'error', database: 'unreachable' }, 503);
    }
  });

  // Every body read is capped (BODY_LIMITS); photos cap their own (photo-routes.ts).
  app.use('/api/auth/*', limitBody(BODY_LIMITS.auth, errorAnswer(413, 'BODY_TOO_LARGE')));
  app.use('/webhooks/stripe', limitBody(BODY_LIMITS.stripeWebhook, errorAnswer(413, 'BODY_TOO_LARGE')));
  app.use('/trpc/*', limitBody(BODY_LIMITS.trpc, trpcErrorAnswer('PAYLOAD_TOO_LARGE', 413)));
  app.on(['GET', 'POST'], '/api/auth/*', async (c) => {
    const refusal =
      c.req.method === 'POST'
        ? crossSiteRefusal(c.req.raw.headers, allowedOrigins, { evenWithoutCookie: true })
        : undefined;
    if (refusal) return c.json({ code: 'CROSS_SITE_REQUEST', message: refusal }, 403);
    try {
      await limitSignInPerAccount(services, c.req.raw);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return c.json({ code: 'TOO_MANY_REQUESTS', message: error.message }, 429, {
        'retry-after': String(error.retryAfterSeconds),
      });
    }
    const response = await handleAuthRequest(services, c);
    // better-auth's own 429 says when in X-Retry-After only.
    const retryAfter = response.headers.get('x-retry-after');
    if (response.status === 429 && retryAfter && !response.headers.has('retry-after')) {
      response.headers.set('retry-after', retryAfter);
    }
    return response;
  });

  registerPhotoRoutes(app, services, allowedOrigins);
  registerUnsubscribeRoutes(app, services);
  registerAccountRoutes(app, services);

  app.post('/webhooks/stripe', async (c) => {
    const body = await c.req.text();
    let event;
    try {
      event = await verifyStripeEvent(services, body, c.req.header('stripe-signature'));
    } catch (error) {
      if (!(error instanceof WebhookSignatureError)) throw error;
      // The SDK's own words (which check failed) are for the log; the caller gets ours.
      log.warn({ err: error, requestId: c.get('requestId') }, 'webhook refused');
      return c.json({ code: 'INVALID_SIGNATURE', message: WEBHOOK_SIGNATURE_MESSAGE }, 400);
    }
    await handleStripeEvent(services, event);
    return c.json({ received: true });
  });

  // Feeds that fan out to many streams are written by hand (see feed-streams.ts).
  app.get('/trpc/*', feeds.route);
  app.all('/trpc/*', (c) => {
    // The request's own headers, not a copy: @hono/node-server reads them from the IncomingMessage.
    const { headers } = c.req.raw;
    const requestId = c.get('requestId');
    return fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: appRouter,
      // One request, one call's worth of limits and work, times this at most.
      maxBatchSize: TRPC_MAX_BATCH_CALLS,
      createContext: () => {
        // Mutations are POSTs; queries and subscriptions (GET) change nothing and CORS keeps their answers home.
        const refusal = c.req.method === 'GET' ? undefined : crossSiteRefusal(headers, allowedOrigins);
        if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
        return createTRPCContext({ services, headers, requestId });
      },
      // A rate-limited call says when to come back.
      responseMeta: ({ errors }) => {
        const limited = errors.find((error) => error.cause instanceof RateLimitedError)?.cause;
        return limited instanceof RateLimitedError
          ? { headers: new Headers({ 'retry-after': String(limited.retryAfterSeconds) }) }
          : {};
      },
      onError: ({ error, path }) => {
        // Client mistakes are answered with their code; only our own failures are logged as errors.
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          log.error({ err: error.cause ?? error, path, requestId: c.get('requestId') }, 'procedure failed');
        }
      },
    });
  });

  // Hono's own would be a text/plain "404 Not Found".
  app.notFound((c) => c.json({ code: 'NOT_FOUND', message: 'No such route' }, 404));

  app.onError((error, c) => {
    if (isDatabaseUnavailable(error)) {
      log.warn({ err: error, requestId: c.get('requestId'), path: c.req.path }, 'database unavailable');
      // Stripe and browsers try again; nothing was wrong with the request.
      return c.json({ error: DATABASE_UNAVAILABLE_MESSAGE }, 503, { 'retry-after': '2' });
    }
    log.error({ err: error, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return c.json({ error: 'Internal error' }, 500);
  });

  return { app, feeds };
}
