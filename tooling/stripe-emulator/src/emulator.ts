// startStripeEmulator: the HTTP server plus the handles tests use to drive and inspect it.
import { serve } from '@hono/node-server';
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { cancelCheckoutSession, payCheckoutSession, type CheckoutOutcome } from './checkout.ts';
import type { EmulatorCore } from './core.ts';
import { EventLog } from './events.ts';
import { explainRefusal } from './hosted-routes.ts';
import { EmulatorState } from './state.ts';
import type { StripeEvent } from './stripe-objects.ts';
import { WebhookDispatcher, type WebhookDelivery } from './webhooks.ts';

export interface StripeEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  webhooks?: { url: string; secret: string }[];
  /** Webhook retries: `attempts` tries in all (default 5), waiting `baseDelayMs` (default 500), doubling. */
  retry?: { attempts?: number; baseDelayMs?: number };
  /** One line per request and per webhook delivery attempt; silent by default. */
  log?: (line: string) => void;
}

export interface StripeEmulator {
  /** e.g. http://127.0.0.1:12111 */
  url: string;
  /** Options for `new Stripe(key, emulator.stripeConfig)`: { host, port, protocol: 'http' } */
  stripeConfig: { host: string; port: number; protocol: 'http' };
  addWebhookEndpoint(url: string, secret: string): void;
  /**
   * Test helpers: pay or cancel a checkout as the hosted page's buttons do (same code path).
   * Resolve to where the browser would be redirected; reject when the page would refuse.
   */
  pay(checkoutSessionId: string): Promise<string>;
  cancel(checkoutSessionId: string): Promise<string>;
  /** Every event emitted, oldest first. */
  events(): StripeEvent[];
  /** Every webhook delivery attempt, in the order they finished. */
  deliveries(): WebhookDelivery[];
  /** Resolves when no webhook delivery is in flight or waiting to retry. */
  webhooksIdle(): Promise<void>;
  /** Stops the server and abandons pending webhook retries. */
  close(): Promise<void>;
}

export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const retry = { attempts: options.retry?.attempts ?? 5, baseDelayMs: options.retry?.baseDelayMs ?? 500 };
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1) throw new Error('retry.attempts must be ≥ 1');
  if (!(retry.baseDelayMs >= 0)) throw new Error('retry.baseDelayMs must be ≥ 0');

  const webhooks = new WebhookDispatcher(retry, log);
  for (const endpoint of options.webhooks ?? []) webhooks.addEndpoint(endpoint.url, endpoint.secret);
  let url = '';
  const core: EmulatorCore = {
    state: new EmulatorState(),
    events: new EventLog(webhooks),
    hostedPageUrl: (id) => `${url}/checkout/${encodeURIComponent(id)}`,
  };
  const server = await listen(createApp(core, log).fetch, host, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const click = (outcome: CheckoutOutcome, id: string): Promise<string> => {
    if (outcome.kind === 'redirect') return Promise.resolve(outcome.location);
    const { status, message } = explainRefusal(outcome, id);
    return Promise.reject(new Error(`Checkout ${id} (${status}): ${message}`));
  };

  return {
    url,
    stripeConfig: { host, port, protocol: 'http' },
    addWebhookEndpoint: (endpointUrl, secret) => webhooks.addEndpoint(endpointUrl, secret),
    pay: (id) => click(payCheckoutSession(core, id), id),
    cancel: (id) => click(cancelCheckoutSession(core, id), id),
    events: () => core.events.list(),
    deliveries: () => webhooks.deliveries(),
    webhooksIdle: () => webhooks.idle(),
    close: async () => {
      webhooks.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The SDK keeps connections alive; without this, close() would wait for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

function listen(fetch: (request: Request) => Response | Promise<Response>, hostname: string, port: number) {
  return new Promise<Server>((resolve, reject) => {
    // overrideGlobalObjects: false — the emulator often runs inside a test process, whose
    // globals (Request, Response) it must not replace.
    const server = serve({ fetch, hostname, port, overrideGlobalObjects: false }, () => {
      if (server instanceof Server) resolve(server);
      else reject(new Error('Expected an HTTP/1.1 server'));
    });
    server.once('error', reject);
  });
}
