// A stand-in for the API's webhook endpoint: records each request and answers with the status
// the test scripts (by call number, 0-based). Closed automatically when the test ends.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface ReceivedWebhook {
  body: string;
  signature: string | undefined;
  contentType: string | undefined;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
}

export async function startWebhookReceiver(
  statusFor: (call: number) => number = () => 200,
  /** Answers wait for this (the request is recorded at once). */
  hold: Promise<void> = Promise.resolve(),
): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const call = received.length;
      const signature = request.headers['stripe-signature'];
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: typeof signature === 'string' ? signature : undefined,
        contentType: request.headers['content-type'],
      });
      void hold.then(() => response.writeHead(statusFor(call)).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks/stripe`, received };
}

/** A URL nothing listens on: a port that was free a moment ago. */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/webhooks/stripe`;
}
