import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookTarget } from './webhook-target.ts';

/** What an endpoint answered: its status, or why there was no answer. */
export type PostOutcome = { statusCode: number } | { error: string };

/** How much of an answer's body is read (then dropped): a receiver has nothing to tell us in it. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs `body` to an endpoint checked by `resolveWebhookTarget`, connecting only to the addresses
 * checked there (the name is not looked up again, so it cannot be re-pointed in between). A
 * redirect is not followed: it is an answer like any other non-2xx.
 */
export function postWebhook(
  target: WebhookTarget,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostOutcome> {
  const [first] = target.addresses;
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, target.addresses);
    else callback(null, first!.address, first!.family);
  };
  const { url } = target;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        lookup: pinned,
        signal: AbortSignal.timeout(timeoutMs),
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          'User-Agent': 'AutoDoctor-Webhooks/1',
          ...headers,
        },
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () => resolve({ statusCode: response.statusCode ?? 0 });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    request.on('error', (error: Error & { code?: string }) =>
      resolve({
        error:
          error.name === 'AbortError'
            ? `no answer within ${timeoutMs} ms`
            : `${error.code ?? error.name}: ${error.message}`,
      }),
    );
    request.end(body);
  });
}
