import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { sql } from '@autodoctor/db/orm';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { appRouter } from '../router.ts';
import { AUTH_BODY_LIMIT_BYTES, handleAuthRequest } from './auth-routes.ts';
import { createFeedStreams } from './feed-streams.ts';
import { handleStripeEvent, verifyStripeEvent, WebhookSignatureError } from '../stripe/webhook.ts';
import { createTRPCContext, type ApiServices } from '../trpc/context.ts';

/**
 * The HTTP surface: `/trpc/*` (the typed API, subscriptions over SSE),
 * `/api/auth/*` (better-auth), `POST /webhooks/stripe`, `GET /healthz`.
 */
export function createHttpApp(services: ApiServices & { webhookSecret: string }) {
  const app = new Hono();
  const { log } = services;
  const feeds = createFeedStreams(services);

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Subscriptions log when they open; their stream goes on after this.
    log.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(
    '*',
    cors({
      origin: services.config.APP_ORIGINS,
      credentials: true,
      allowHeaders: ['content-type', 'trpc-accept', 'x-autodoctor-app'],
    }),
  );

  app.get('/healthz', async (c) => {
    try {
      await services.db.execute(sql`SELECT 1`);
      return c.json({ status: 'ok', database: 'reachable' });
    } catch {
      return c.json({ status: 'error', database: 'unreachable' }, 503);
    }
  });

  app.use(
    '/api/auth/*',
    bodyLimit({
      maxSize: AUTH_BODY_LIMIT_BYTES,
      onError: (c) => c.json({ code: 'BODY_TOO_LARGE', message: 'Request body too large' }, 413),
    }),
  );
  app.on(['GET', 'POST'], '/api/auth/*', (c) => handleAuthRequest(services, c));

  app.post('/webhooks/stripe', async (c) => {
    const body = await c.req.text();
    let event;
    try {
      event = await verifyStripeEvent(services, body, c.req.header('stripe-signature'));
    } catch (error) {
      if (error instanceof WebhookSignatureError) return c.json({ error: error.message }, 400);
      throw error;
    }
    await handleStripeEvent(services, event);
    return c.json({ received: true });
  });

  // Feeds that fan out to many streams are written by hand (see feed-streams.ts).
  app.get('/trpc/*', feeds.route);
  app.all('/trpc/*', (c) => {
    const headers = new Headers(c.req.raw.headers);
    headers.set('x-request-id', c.get('requestId'));
    return fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: appRouter,
      createContext: () => createTRPCContext({ services, headers }),
      onError: ({ error, path }) => {
        // Client mistakes are answered with their code; only our own failures are logged as errors.
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          log.error({ err: error.cause ?? error, path, requestId: c.get('requestId') }, 'procedure failed');
        }
      },
    });
  });

  app.onError((error, c) => {
    log.error({ err: error, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return c.json({ error: 'Internal error' }, 500);
  });

  return { app, feeds };
}
