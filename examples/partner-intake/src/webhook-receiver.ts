// A sample receiver of AutoDoctor's signed webhooks (`npm run receive-webhooks`): what a service
// that is not on the database, or not in TypeScript, does with them. It checks each delivery's
// signature with session-core's `verifyWebhook`, drops a repeat by the event's id, hands the event
// on, and answers 204 quickly (AutoDoctor retries anything else for a day).
import {
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookSignatureError,
  type WebhookEvent,
} from '@autodoctor/session-core/webhooks';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A delivery is one event: far below this. */
const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024;
/** How many event ids are remembered to drop repeats (a real receiver keeps them in its database). */
const REMEMBERED_IDS = 10_000;

export interface WebhookReceiverOptions {
  /** The endpoint's signing secret (`whsec_…`, printed by `pnpm webhooks add`); two while it changes. */
  secret: string | string[];
  host?: string;
  port?: number;
  /** What to do with each new event (a repeat is not passed on). */
  onEvent: (event: WebhookEvent) => void | Promise<void>;
}

export interface RunningWebhookReceiver {
  url: string;
  close: () => Promise<void>;
}

function reply(response: ServerResponse, status: number, body?: unknown) {
  if (body === undefined) response.writeHead(status).end();
  else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The raw body, exactly as sent (the signature is over these bytes), or undefined when too large. */
async function rawBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > WEBHOOK_BODY_LIMIT_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<RunningWebhookReceiver> {
  const seen = new Set<number>();
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST' || request.url !== '/webhooks') return reply(response, 404);
      const body = await rawBody(request);
      if (!body) return reply(response, 413, { error: 'PAYLOAD_TOO_LARGE' });
      let event: WebhookEvent;
      try {
        event = verifyWebhook({
          body,
          signature: request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string | undefined,
          secret: options.secret,
        });
      } catch (error) {
        // Nothing in it is trusted: not signed by AutoDoctor with this secret, changed, or replayed.
        if (error instanceof WebhookSignatureError) return reply(response, 400, { error: error.reason });
        throw error;
      }
      if (seen.has(event.id)) return reply(response, 204); // a repeat: already handled
      await options.onEvent(event);
      seen.add(event.id);
      if (seen.size > REMEMBERED_IDS) seen.delete(seen.values().next().value!);
      reply(response, 204);
    })().catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) reply(response, 500); // AutoDoctor tries again later
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/webhooks`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
