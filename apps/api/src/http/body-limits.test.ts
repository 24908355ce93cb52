/**
 * Every request body the API reads is capped (body-limits.ts): over its route's limit it is
 * answered 413, typed, before anything parses it, and nothing is written.
 */
import { TRPCClientError } from '@trpc/client';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { NGINX_DIR } from '../testing/deploy-nginx.ts';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import { intake } from '../testing/fixtures.ts';
import { useTestApi } from '../testing/test-api.ts';
import { BODY_LIMITS, bodyTooLargeMessage, TRPC_MAX_BATCH_CALLS } from './body-limits.ts';

const t = useTestApi();

const MB = 1024 * 1024;

interface RawAnswer {
  status: number;
  body: unknown;
}

/** The API closed the connection before its answer could be read, after `sent` bytes of the body. */
interface ClosedEarly {
  sent: number;
}

/**
 * Sends a request's head and the first `sent` bytes of its body over a socket of its own, and reads
 * the answer. `length`: a Content-Length (the rest is never sent, so an answer proves the API did
 * not wait for it); without it the body is chunked, and ends after `sent` bytes if `end`. Sending
 * stops at the answer's first byte. With `closeMayWin`, a connection closed under the answer (the
 * API closes while this still sends, and the reset can discard the unread answer) gives `ClosedEarly`.
 */
async function sendPartly(
  url: string,
  target: string,
  headers: Record<string, string>,
  options: { length?: number; sent: number; end?: boolean },
): Promise<RawAnswer>;
async function sendPartly(
  url: string,
  target: string,
  headers: Record<string, string>,
  options: { length?: number; sent: number; end?: boolean; closeMayWin: true },
): Promise<RawAnswer | ClosedEarly>;
async function sendPartly(
  url: string,
  target: string,
  headers: Record<string, string>,
  options: { length?: number; sent: number; end?: boolean; closeMayWin?: boolean },
): Promise<RawAnswer | ClosedEarly> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  await once(socket, 'connect');
  const head = Object.entries({
    host: `${hostname}:${port}`,
    'content-type': 'application/json',
    ...headers,
    ...(options.length === undefined
      ? { 'transfer-encoding': 'chunked' }
      : { 'content-length': String(options.length) }),
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.write(`POST ${target} HTTP/1.1\r\n${head.join('')}\r\n`);
  const piece = Buffer.alloc(64 * 1024, 0x20);
  let answer = Buffer.alloc(0);
  socket.on('data', (data: Buffer) => (answer = Buffer.concat([answer, data])));
  // The API may close the connection while this still sends (EPIPE): only the answer counts.
  socket.on('error', () => {});
  const event = (name: string) => new Promise<void>((resolve) => socket.once(name, () => resolve()));
  const closed = event('close');
  let sent = 0;
  for (; sent < options.sent && answer.length === 0; sent += piece.length) {
    const size = Math.min(piece.length, options.sent - sent);
    const ok =
      options.length === undefined
        ? socket.write(`${size.toString(16)}\r\n${piece.subarray(0, size).toString()}\r\n`)
        : socket.write(piece.subarray(0, size));
    if (!ok) await Promise.race([event('drain'), closed]);
    if (socket.destroyed) break;
  }
  if (options.end && !socket.destroyed) socket.write('0\r\n\r\n');
  // The whole answer: its head, then the Content-Length it names.
  for (;;) {
    const text = answer.toString('latin1');
    const end = text.indexOf('\r\n\r\n');
    const length = /\r\ncontent-length: (\d+)/i.exec(text)?.[1];
    if (end >= 0 && length !== undefined && answer.length >= end + 4 + Number(length)) {
      socket.destroy();
      await closed;
      return {
        status: Number(text.slice(9, 12)),
        body: JSON.parse(answer.subarray(end + 4, end + 4 + Number(length)).toString()),
      };
    }
    await Promise.race([event('data'), closed]);
    if (socket.destroyed && options.closeMayWin && answer.length === 0) return { sent };
    if (socket.destroyed) throw new Error(`the connection closed without a whole answer: ${text}`);
  }
}

/** `{"json": …}` padded with spaces to exactly `bytes` bytes: valid JSON a parser would read in full. */
const paddedIntake = (bytes: number) => {
  const body = JSON.stringify(superjson.serialize(intake()));
  return body + ' '.repeat(bytes - body.length);
};

const trpcTooLarge = {
  error: {
    json: {
      message: bodyTooLargeMessage(BODY_LIMITS.trpc),
      code: -32013,
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
    },
  },
};

describe('POST /trpc', () => {
  it(`takes a body of exactly ${BODY_LIMITS.trpc / 1024} KB`, async () => {
    const customer = await t.customer();
    const response = await fetch(`${t.api.url}/trpc/intake.startSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: customer.cookie },
      body: paddedIntake(BODY_LIMITS.trpc),
    });
    expect(response.status).toBe(200);
  });

  it('refuses a byte more with 413 in tRPC’s error shape: nothing written', async () => {
    const customer = await t.customer();
    const before = await dbSnapshot(t.database.db);
    const response = await fetch(`${t.api.url}/trpc/intake.startSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: customer.cookie },
      body: paddedIntake(BODY_LIMITS.trpc + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject(trpcTooLarge);
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('refuses a 50 MB body by its Content-Length, before reading any of it', async () => {
    const customer = await t.customer();
    const answer = await sendPartly(
      t.api.url,
      '/trpc/intake.startSession',
      { cookie: customer.cookie },
      { length: 50 * MB, sent: 0 },
    );
    expect(answer).toMatchObject({ status: 413, body: trpcTooLarge });
  });

  it('refuses a chunked body (no Content-Length) over the limit', async () => {
    const customer = await t.customer();
    const answer = await sendPartly(
      t.api.url,
      '/trpc/intake.startSession',
      { cookie: customer.cookie },
      { sent: BODY_LIMITS.trpc + 64 * 1024, end: true },
    );
    expect(answer).toMatchObject({ status: 413, body: trpcTooLarge });
  });

  it('refuses an endless chunked body without waiting for its end', async () => {
    const customer = await t.customer();
    const answer = await sendPartly(
      t.api.url,
      '/trpc/intake.startSession',
      { cookie: customer.cookie },
      { sent: 50 * MB, closeMayWin: true },
    );
    // The API answers and closes while the body still comes; the client's kernel may drop the
    // unread answer on the reset (nginx lingers before closing, the API does not): either way the
    // API stopped reading long before the end.
    if ('sent' in answer) expect(answer.sent).toBeLessThan(8 * MB);
    else expect(answer).toMatchObject({ status: 413, body: trpcTooLarge });
  });

  it('passes on a POST without a body (neither Content-Length nor Transfer-Encoding): nothing waits for one', async () => {
    const customer = await t.customer();
    const { hostname, port } = new URL(t.api.url);
    const socket = net.connect(Number(port), hostname);
    await once(socket, 'connect');
    socket.write(
      `POST /trpc/intake.startSession HTTP/1.1\r\nhost: ${hostname}:${port}\r\n` +
        `content-type: application/json\r\ncookie: ${customer.cookie}\r\nconnection: close\r\n\r\n`,
    );
    const chunks: Buffer[] = [];
    socket.on('data', (data: Buffer) => chunks.push(data));
    await once(socket, 'end');
    socket.destroy();
    const answer = Buffer.concat(chunks).toString();
    // tRPC's own refusal of an empty input: the request reached it, whole and at once.
    expect(answer.slice(0, 12)).toBe('HTTP/1.1 400');
    expect(answer).toContain('"code":"BAD_REQUEST"');
  });

  it('is a TRPCClientError with PAYLOAD_TOO_LARGE for the typed client', async () => {
    const customer = await t.customer();
    const error = await customer.client.intake.startSession
      .mutate(intake({ concern: 'c'.repeat(BODY_LIMITS.trpc) }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      httpStatus: 413,
    });
  });

  it(`refuses a batch of more than ${TRPC_MAX_BATCH_CALLS} calls whole, in our words`, async () => {
    const customer = await t.customer();
    const before = await dbSnapshot(t.database.db);
    const calls = TRPC_MAX_BATCH_CALLS + 1;
    const input = JSON.stringify(superjson.serialize(intake()));
    const response = await fetch(
      `${t.api.url}/trpc/${Array(calls).fill('intake.startSession').join(',')}?batch=1`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: customer.cookie },
        body: `{${Array.from({ length: calls }, (_, i) => `"${i}":${input}`).join(',')}}`,
      },
    );
    // Refused before any call is made: one error, which the batch link hands to every call.
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        json: {
          message: `A batch may carry at most ${TRPC_MAX_BATCH_CALLS} calls`,
          data: { code: 'BAD_REQUEST' },
        },
      },
    });
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });
});

describe('the other routes that read a body', () => {
  it('POST /webhooks/stripe: over 1 MB is 413 BODY_TOO_LARGE, before its signature is checked', async () => {
    const before = await dbSnapshot(t.database.db);
    const response = await fetch(`${t.api.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      body: `{"id":"evt_1",${' '.repeat(BODY_LIMITS.stripeWebhook)}}`,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      code: 'BODY_TOO_LARGE',
      message: bodyTooLargeMessage(BODY_LIMITS.stripeWebhook),
    });
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('POST /webhooks/stripe: a chunked body over the limit too', async () => {
    const answer = await sendPartly(
      t.api.url,
      '/webhooks/stripe',
      { 'stripe-signature': 't=1,v1=00' },
      { sent: BODY_LIMITS.stripeWebhook + 64 * 1024, end: true },
    );
    expect(answer).toEqual({
      status: 413,
      body: { code: 'BODY_TOO_LARGE', message: bodyTooLargeMessage(BODY_LIMITS.stripeWebhook) },
    });
  });

  it('/api/auth: over 16 KB is 413 BODY_TOO_LARGE', async () => {
    const response = await fetch(`${t.api.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.c', password: 'p'.repeat(BODY_LIMITS.auth) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      code: 'BODY_TOO_LARGE',
      message: bodyTooLargeMessage(BODY_LIMITS.auth),
    });
  });

  it('leaves the API working', async () => {
    expect((await fetch(`${t.api.url}/healthz`)).status).toBe(200);
  });
});

describe("deploy/nginx's client_max_body_size", () => {
  const site = readFileSync(path.join(NGINX_DIR, 'autodoctor.conf'), 'utf8');
  /** nginx's size of the location opened by `opening` (e.g. `location /trpc/ {`), in bytes. */
  const limitOf = (opening: string): number | undefined => {
    const start = site.indexOf(opening);
    if (start < 0) return undefined;
    const block = site.slice(start, site.indexOf('}', start));
    const match = /client_max_body_size (\d+)([km]?);/.exec(block);
    if (!match) return undefined;
    return Number(match[1]) * { '': 1, k: 1024, m: MB }[match[2] as '' | 'k' | 'm'];
  };

  it("is the API's limit in every location that passes a body on", () => {
    expect({
      trpc: limitOf('location /trpc/ {'),
      feeds: limitOf('location ~ ^/trpc/('),
      auth: limitOf('location /api/auth/ {'),
      stripeWebhook: limitOf('location = /webhooks/stripe {'),
      // nginx lets 1 MB more through, so that the API's own answer says why (PHOTO_TOO_LARGE).
      photo: limitOf('location /api/photos {')! - MB,
    }).toEqual({ ...BODY_LIMITS, feeds: BODY_LIMITS.trpc });
  });

  it('is the smallest of them everywhere else', () => {
    const serverLevel = /^ {4}client_max_body_size (\d+)k;/m.exec(site)?.[1];
    expect(Number(serverLevel) * 1024).toBe(Math.min(...Object.values(BODY_LIMITS)));
  });
});
