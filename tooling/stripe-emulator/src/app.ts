// The emulator's HTTP surface: Stripe's /v1 API behind its authentication and idempotency
// handling, the hosted checkout page, and Stripe-shaped errors for everything else.
import { Hono } from 'hono';
import { DEFAULT_API_VERSION } from './api-version.ts';
import { registerApiRoutes } from './api-routes.ts';
import type { AppEnv } from './app-env.ts';
import { requireTestKey } from './auth.ts';
import type { EmulatorCore } from './core.ts';
import { StripeApiError, unrecognizedUrl } from './errors.ts';
import { registerHostedRoutes } from './hosted-routes.ts';
import { idempotency } from './idempotency.ts';
import { newId } from './ids.ts';

export function createApp(core: EmulatorCore, log: (line: string) => void): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    await next();
    log(`${c.req.method} ${c.req.path} → ${c.res.status}`);
  });
  app.use('/v1/*', async (c, next) => {
    const origin = {
      requestId: newId('req'),
      apiVersion: c.req.header('Stripe-Version') ?? DEFAULT_API_VERSION,
      idempotencyKey: c.req.header('Idempotency-Key') ?? null,
    };
    c.set('origin', origin);
    // Set first, so error responses carry them too; the SDK reads Request-Id into errors.
    c.header('Request-Id', origin.requestId);
    c.header('Stripe-Version', origin.apiVersion);
    await next();
  });
  app.use('/v1/*', requireTestKey);
  app.use('/v1/*', idempotency());

  registerApiRoutes(app, core);
  registerHostedRoutes(app, core);

  app.notFound((c) => {
    const error = unrecognizedUrl(c.req.method, c.req.path);
    return c.json(error.toBody(), error.status);
  });
  app.onError((error, c) => {
    if (error instanceof StripeApiError) return c.json(error.toBody(), error.status);
    log(`internal error: ${error.stack ?? error.message}`);
    return c.json({ error: { type: 'api_error', message: `Emulator error: ${error.message}` } }, 500);
  });
  return app;
}
