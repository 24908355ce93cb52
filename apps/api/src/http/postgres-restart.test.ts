import { invariantViolations, NO_VIOLATIONS } from '@autodoctor/db/testing';
import { runMigrations } from '@autodoctor/db';
import {
  discardEmbeddedCluster,
  startEmbeddedPostgres,
  workspaceRoot,
  type EmbeddedPostgres,
} from '@autodoctor/db/embedded';
import { readSessionEvents } from '@autodoctor/session-core';
import { connect } from '@autodoctor/db';
import { startStripeEmulator, type StripeEmulator } from '@autodoctor/stripe-emulator';
import { TRPCClientError } from '@trpc/client';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toQueueFeedEvent } from '../realtime/queue-feed.ts';
import type { QueueFeedEvent } from '../router.ts';
import type { ApiServer } from '../server.ts';
import { signInNewMechanic, signUpCustomer, type TestUser } from '../testing/accounts.ts';
import { FeedRecorder, type Tracked } from '../testing/feed-recorder.ts';
import { intake } from '../testing/fixtures.ts';
import { startTestApi } from '../testing/test-api.ts';
import { waitFor } from '../testing/wait-for.ts';

// A PostgreSQL server of this file's own: restarting the run's shared one would fail every other
// test file. Named like the global setup's clusters (with an owner file), so a killed run's is swept.
const clustersDir = path.join(workspaceRoot, '.data', 'test-postgres');
const dataDir = path.join(clustersDir, `restart-${process.pid}-${randomBytes(3).toString('hex')}`);
let server: EmbeddedPostgres;
let emulator: StripeEmulator;
let api: ApiServer;

beforeAll(async () => {
  mkdirSync(clustersDir, { recursive: true });
  writeFileSync(`${dataDir}.owner`, String(process.pid));
  server = await startEmbeddedPostgres({ dataDir, database: 'autodoctor', ephemeral: true });
  await runMigrations(server.url);
  emulator = await startStripeEmulator();
  api = await startTestApi({ url: server.url }, emulator);
});
afterAll(async () => {
  await api?.close();
  await emulator?.close();
  await discardEmbeddedCluster(dataDir);
  rmSync(`${dataDir}.owner`, { force: true });
});

/** The outcome of one call: 'ok', or the HTTP status it failed with (else its message). */
async function outcomeOf(call: Promise<unknown>): Promise<number | string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = (error as TRPCClientError<never>).data as
        { httpStatus?: number; code?: string } | undefined;
      if (data?.code === 'SERVICE_UNAVAILABLE') {
        expect(error.message).toBe('The database is unavailable right now; try again shortly');
      }
      return data?.httpStatus ?? error.message;
    }
    return String(error);
  }
}

// This once crashed about one run in two: postgres.js 3.4.9 threw an uncaught TypeError from a
// write buffered for a socket already gone; patches/postgres@3.4.9.patch fixes it (see
// packages/db/src/connection-loss.test.ts).
describe('PostgreSQL restarted under load', () => {
  it('answers 503 meanwhile (never a hang or a 500), recovers by itself, and feeds miss nothing', async () => {
    const customers: TestUser[] = [];
    for (let i = 0; i < 16; i++) customers.push(await signUpCustomer(api.url));
    const { db, close } = connect(server.url, { max: 2 });
    const mechanic = await signInNewMechanic(api.url, db);
    const feed = new FeedRecorder<Tracked<QueueFeedEvent>>(mechanic.client.mechanic.queueFeed, undefined);
    await feed.started();
    await close();

    // Load: sessions started and balances read in a loop, four at a time, across the restart.
    let stopLoad = false;
    const outcomes: (number | string)[] = [];
    let next = 0;
    const load = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!stopLoad) {
          const customer = customers[next++ % customers.length]!;
          const call =
            next % 2 === 0
              ? customer.client.intake.startSession.mutate(intake())
              : customer.client.customer.creditBalance.query();
          outcomes.push(await outcomeOf(call));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }),
    );
    await waitFor(() => outcomes.filter((o) => o === 'ok').length >= 8, 'some load before the restart');

    await server.stop(); // fast shutdown: running queries are cut off
    const during = await fetch(`${api.url}/healthz`);
    expect(during.status).toBe(503);
    expect(await during.json()).toEqual({ status: 'error', database: 'unreachable' });
    await waitFor(
      () => outcomes.filter((o) => o === 503).length >= 4,
      'calls answered 503 during the outage',
    );
    const signIn = await fetch(`${api.url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: api.url },
      body: JSON.stringify({ email: customers[0]!.email, password: 'correct horse battery' }),
    });
    expect(signIn.status).toBe(503);
    expect(signIn.headers.get('retry-after')).toBe('2');

    await server.start(); // on the same port: the API's DATABASE_URL is unchanged
    await waitFor(async () => (await fetch(`${api.url}/healthz`)).status === 200, 'the API to recover');
    const okBefore = outcomes.filter((o) => o === 'ok').length;
    await waitFor(() => outcomes.filter((o) => o === 'ok').length >= okBefore + 8, 'load succeeding again');
    stopLoad = true;
    await load;

    // Every failure was a clear 503, or a 409 (a customer who already has a session); never a 500.
    expect(new Set(outcomes.filter((o) => o !== 'ok' && o !== 409))).toEqual(new Set([503]));

    // The feed, open throughout, has exactly the table's queue events, those after the restart too.
    const check = connect(server.url, { max: 2 });
    try {
      expect(await invariantViolations(check.db)).toEqual(NO_VIOLATIONS);
      const expected = (await readSessionEvents(check.db, { limit: 10_000 }))
        .filter((event) => toQueueFeedEvent(event) !== undefined)
        .map((event) => String(event.id));
      expect(expected.length).toBeGreaterThan(0);
      await waitFor(() => feed.received.length >= expected.length, 'the feed to catch up');
      expect(feed.received.map((event) => event.id)).toEqual(expected);
    } finally {
      feed.stop();
      await check.close();
    }
  });
});
