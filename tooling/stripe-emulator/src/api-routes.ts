// The /v1 endpoints AutoDoctor calls. Parameters arrive form-encoded (POST body) or in the
// query string (GET), as the stripe SDK sends them.
import type { Context, Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import { createCheckoutSession, expireCheckoutSession, retrieveCheckoutSession } from './checkout.ts';
import type { EmulatorCore } from './core.ts';
import { invalidRequest } from './errors.ts';
import { decodeForm } from './form.ts';
import { ParamReader } from './params.ts';
import { createRefund, listRefunds, retrieveRefund } from './refunds.ts';

async function params(c: Context<AppEnv>): Promise<ParamReader> {
  const fields =
    c.req.method === 'GET' ? new URL(c.req.url).searchParams : new URLSearchParams(await c.req.text());
  return new ParamReader(decodeForm(fields));
}

/** Line items are always included, so expanding them is allowed (and a no-op); nothing else expands. */
async function noParamsButExpand(c: Context<AppEnv>): Promise<void> {
  const reader = await params(c);
  const expand = reader.stringList('expand') ?? [];
  const unsupported = expand.find((field) => field !== 'line_items');
  if (unsupported !== undefined) throw invalidRequest(`The emulator cannot expand ${unsupported}`, 'expand');
  reader.rejectUnknown();
}

export function registerApiRoutes(app: Hono<AppEnv>, core: EmulatorCore): void {
  app.post('/v1/checkout/sessions', async (c) =>
    c.json(createCheckoutSession(core, await params(c), c.get('origin'))),
  );
  app.get('/v1/checkout/sessions/:id', async (c) => {
    await noParamsButExpand(c);
    return c.json(retrieveCheckoutSession(core, c.req.param('id')));
  });
  app.post('/v1/checkout/sessions/:id/expire', async (c) => {
    (await params(c)).rejectUnknown();
    return c.json(expireCheckoutSession(core, c.req.param('id'), c.get('origin')));
  });

  app.post('/v1/refunds', async (c) => c.json(createRefund(core, await params(c), c.get('origin'))));
  app.get('/v1/refunds', async (c) => c.json(listRefunds(core, await params(c))));
  app.get('/v1/refunds/:id', async (c) => {
    (await params(c)).rejectUnknown();
    return c.json(retrieveRefund(core, c.req.param('id')));
  });
}
