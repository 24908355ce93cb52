import { connect, mechanicPushState, pushSubscriptions } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from '@autodoctor/db/orm';
import { setNotificationPreference } from '@autodoctor/session-core';
import type { QuoteDraftInput } from '@autodoctor/session-core/rules';
import { startStripeEmulator, type StripeEmulator } from '@autodoctor/stripe-emulator';
import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import { startApiServer, type ApiServer } from '../server.ts';
import { signInNewMechanic, signUpCustomer, type TestUser } from '../testing/accounts.ts';
import { expectTRPCError } from '../testing/expect-trpc-error.ts';
import { intake } from '../testing/fixtures.ts';
import {
  startLocalPushService,
  verifyVapid,
  type LocalPushService,
  type ReceivedPush,
  type TestSubscription,
} from '../testing/push-service.ts';
import { testConfig } from '../testing/test-api.ts';
import { waitFor } from '../testing/wait-for.ts';
import { pushNewSessions } from './new-sessions-push.ts';
import type { PushMessage } from './push-sender.ts';
import { createWebPush, type WebPush } from './web-push.ts';
import { PUSH_SUBSCRIPTION_LIMITS } from '../routers/mechanic/subscribe-push.schema.ts';

const database = useTestDatabase();
const log = createLogger('silent');
const vapid = webPush.generateVAPIDKeys();
const SUBJECT = 'mailto:ops@autodoctor.test';
let emulator: StripeEmulator;
let service: LocalPushService;
let api: ApiServer;
let push: WebPush;

beforeAll(async () => {
  emulator = await startStripeEmulator();
  service = await startLocalPushService();
  const config = testConfig(database.url, emulator.url, {
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: SUBJECT,
    PUSH_SERVICE_HOSTS: '127.0.0.1',
  });
  api = await startApiServer(config, { log, pushAgent: service.agent });
  push = createWebPush(config, database.db, log, service.agent)!;
});

afterAll(async () => {
  await api?.close();
  await service?.close();
  await emulator?.close();
});

/** One round of the new-sessions job, as the scheduler runs it (in its transaction). */
const pushRound = () => database.db.transaction((tx) => pushNewSessions(tx, push.sender, log));

/** What reached the push service for a subscription since `from`. */
const pushesTo = (subscription: TestSubscription, from = 0) =>
  service.received.slice(from).filter((push) => push.subscriptionId === subscription.id);

/** The push as the browser gets it: the VAPID JWT verified, the payload decrypted. */
function opened(received: ReceivedPush, subscription: TestSubscription): PushMessage {
  const claims = verifyVapid(received, subscription.endpoint, vapid.publicKey);
  expect(claims.sub).toBe(SUBJECT);
  expect(received.headers['content-encoding']).toBe('aes128gcm');
  return JSON.parse(subscription.decrypt(received.body)) as PushMessage;
}

/**
 * A subscribed mechanic, in one of the states the job tells apart. `away`: chose available, no tab
 * open (the last heartbeat older than the offline threshold). Everything queued before now counts
 * as seen, so sessions of earlier tests are not news.
 */
async function mechanicWho(state: 'away' | 'tab open' | 'unavailable'): Promise<{
  mechanic: TestUser;
  subscription: TestSubscription;
}> {
  const mechanic = await signInNewMechanic(api.url, database.db);
  await mechanic.client.mechanic.setAvailability.mutate({ online: state !== 'unavailable' });
  if (state !== 'tab open') {
    await database.db.execute(
      sql`UPDATE mechanic_presence SET last_seen_at = now() - interval '10 minutes' WHERE mechanic_user_id = ${mechanic.userId}`,
    );
  }
  await database.db
    .insert(mechanicPushState)
    .values({ mechanicUserId: mechanic.userId, notifiedThrough: sql`now()` });
  const subscription = service.subscribe();
  await mechanic.client.mechanic.subscribePush.mutate({
    endpoint: subscription.endpoint,
    keys: subscription.keys,
  });
  return { mechanic, subscription };
}

async function newSession(vehicle = { year: 2017, make: 'Honda', model: 'Civic' }) {
  const customer = await signUpCustomer(api.url);
  const result = await customer.client.intake.startSession.mutate(intake({ vehicle }));
  if (result.kind !== 'session') throw new Error('expected a session');
  return result.session;
}

describe('mechanic.pushConfig / subscribePush / unsubscribePush', () => {
  it('gives the public key; keeps one row per endpoint, bound to who sent it last', async () => {
    const first = await signInNewMechanic(api.url, database.db);
    const second = await signInNewMechanic(api.url, database.db);
    expect(await first.client.mechanic.pushConfig.query()).toEqual({
      enabled: true,
      publicKey: vapid.publicKey,
    });
    const subscription = service.subscribe();
    const input = { endpoint: subscription.endpoint, keys: subscription.keys };
    await first.client.mechanic.subscribePush.mutate(input);
    await first.client.mechanic.subscribePush.mutate(input);
    await second.client.mechanic.subscribePush.mutate(input); // the same browser, now signed in as the second
    const rows = await database.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, subscription.endpoint));
    expect(rows.map((row) => row.userId)).toEqual([second.userId]);

    expect(await first.client.mechanic.unsubscribePush.mutate({ endpoint: subscription.endpoint })).toEqual({
      unsubscribed: false,
    });
    expect(await second.client.mechanic.unsubscribePush.mutate({ endpoint: subscription.endpoint })).toEqual({
      unsubscribed: true,
    });
    expect(
      await database.db
        .select()
        .from(pushSubscriptions)
        .where(eq(pushSubscriptions.endpoint, subscription.endpoint)),
    ).toEqual([]);
  });

  it('refuses endpoints not at an allowed push service, not https, and keys that are not P-256 points', async () => {
    const mechanic = await signInNewMechanic(api.url, database.db);
    const keys = service.subscribe().keys;
    await expectTRPCError(
      mechanic.client.mechanic.subscribePush.mutate({ endpoint: 'https://internal.example/push/1', keys }),
      'BAD_REQUEST',
    );
    await expectTRPCError(
      mechanic.client.mechanic.subscribePush.mutate({ endpoint: `http://127.0.0.1:1/push/1`, keys }),
      'BAD_REQUEST',
    );
    const notAPoint = Buffer.alloc(65, 7).toString('base64url');
    await expectTRPCError(
      mechanic.client.mechanic.subscribePush.mutate({
        endpoint: service.subscribe().endpoint,
        keys: { ...keys, p256dh: notAPoint },
      }),
      'BAD_REQUEST',
    );
    expect(
      await database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, mechanic.userId)),
    ).toEqual([]);
  });
});

describe('push limits and push off', () => {
  it('keeps at most 10 devices per mechanic: an 11th replaces the one subscribed longest ago', async () => {
    const mechanic = await signInNewMechanic(api.url, database.db);
    const subscriptions = Array.from({ length: PUSH_SUBSCRIPTION_LIMITS.perMechanic + 1 }, () =>
      service.subscribe(),
    );
    for (const subscription of subscriptions) {
      await mechanic.client.mechanic.subscribePush.mutate({
        endpoint: subscription.endpoint,
        keys: subscription.keys,
      });
    }
    const kept = await database.db
      .select({ endpoint: pushSubscriptions.endpoint })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, mechanic.userId));
    expect(kept.map((row) => row.endpoint).sort()).toEqual(
      subscriptions
        .slice(1)
        .map((subscription) => subscription.endpoint)
        .sort(),
    );
  });

  it('without VAPID keys: pushConfig says push is off, and subscribing is refused with nothing written', async () => {
    const off = await startApiServer(testConfig(database.url, emulator.url), { log });
    try {
      const mechanic = await signInNewMechanic(off.url, database.db);
      expect(await mechanic.client.mechanic.pushConfig.query()).toEqual({ enabled: false });
      const subscription = service.subscribe();
      await expectTRPCError(
        mechanic.client.mechanic.subscribePush.mutate({
          endpoint: subscription.endpoint,
          keys: subscription.keys,
        }),
        'PRECONDITION_FAILED',
      );
      expect(
        await database.db
          .select()
          .from(pushSubscriptions)
          .where(eq(pushSubscriptions.userId, mechanic.userId)),
      ).toEqual([]);
    } finally {
      await off.close();
    }
  });
});

describe('the new-sessions push job', () => {
  it('pushes a new session to the available mechanic with no tab open, not to one with a tab open, unavailable or opted out', async () => {
    const away = await mechanicWho('away');
    const tabOpen = await mechanicWho('tab open');
    const unavailable = await mechanicWho('unavailable');
    const optedOut = await mechanicWho('away');
    await setNotificationPreference(database.db, optedOut.mechanic.userId, {
      channel: 'push',
      kind: 'new_session',
      enabled: false,
    });
    const from = service.received.length;
    await newSession({ year: 2019, make: 'Toyota', model: 'Corolla' });

    expect(await pushRound()).toBe(1);
    const [received, ...more] = pushesTo(away.subscription, from);
    expect(more).toEqual([]);
    expect(received!.headers).toMatchObject({ topic: 'new-sessions', urgency: 'high', ttl: '1800' });
    expect(opened(received!, away.subscription)).toEqual({
      kind: 'new_session',
      title: 'A session is waiting (just now)',
      body: '2019 Toyota Corolla',
      tag: 'new-sessions',
      url: '/',
    });
    for (const other of [tabOpen, unavailable, optedOut])
      expect(pushesTo(other.subscription, from)).toEqual([]);

    expect(await pushRound()).toBe(0); // nothing new: nothing sent again
    expect(service.received.length).toBe(from + 1);
  });

  it('sends one summary of the sessions queued while the mechanic was away, then only what is new', async () => {
    const away = await mechanicWho('away');
    // An empty queue to start from (earlier tests' sessions taken away), last seen 10 minutes ago.
    await database.db.execute(sql`UPDATE session_assignments SET status = 'expired' WHERE status = 'queued'`);
    await database.db.execute(
      sql`UPDATE mechanic_push_state SET notified_through = now() - interval '10 minutes' WHERE mechanic_user_id = ${away.mechanic.userId}`,
    );
    const from = service.received.length;
    const oldest = await newSession({ year: 2011, make: 'Ford', model: 'Focus' });
    const older = await newSession({ year: 2014, make: 'Mazda', model: '3' });
    await newSession({ year: 2020, make: 'Kia', model: 'Ceed' });
    await database.db.execute(
      sql`UPDATE sessions SET created_at = now() - interval '4 minutes' WHERE id IN (${oldest.id}, ${older.id})`,
    );

    await pushRound();
    const pushes = pushesTo(away.subscription, from);
    expect(pushes).toHaveLength(1);
    expect(opened(pushes[0]!, away.subscription)).toMatchObject({
      title: '3 sessions waiting — oldest 4 min',
      body: 'Newest: 2020 Kia Ceed',
    });

    await newSession({ year: 2008, make: 'Volvo', model: 'V70' });
    await pushRound();
    const next = pushesTo(away.subscription, from);
    expect(next).toHaveLength(2);
    expect(opened(next[1]!, away.subscription)).toMatchObject({
      title: 'A session is waiting (just now)',
      body: '2008 Volvo V70',
    });
  });

  it('removes a subscription the push service says is gone (410); keeps one that failed otherwise and tries again', async () => {
    const gone = await mechanicWho('away');
    const failing = await mechanicWho('away');
    service.answer(gone.subscription.id, 410);
    service.answer(failing.subscription.id, 503);
    const from = service.received.length;
    await newSession();

    await pushRound();
    expect(pushesTo(gone.subscription, from)).toHaveLength(1);
    expect(pushesTo(failing.subscription, from)).toHaveLength(1);
    const endpoints = (await database.db.select().from(pushSubscriptions)).map((row) => row.endpoint);
    expect(endpoints).not.toContain(gone.subscription.endpoint);
    expect(endpoints).toContain(failing.subscription.endpoint);

    service.answer(failing.subscription.id, 201); // the push service is back
    await pushRound();
    const retried = pushesTo(failing.subscription, from);
    expect(retried).toHaveLength(2);
    expect(opened(retried[1]!, failing.subscription).kind).toBe('new_session');
    expect(pushesTo(gone.subscription, from)).toHaveLength(1);
  });

  it('sends one push when two API instances run the job at the same time', async () => {
    const away = await mechanicWho('away');
    const pools = [connect(database.url), connect(database.url)];
    try {
      const schedulers = pools.map(
        ({ db }) =>
          new Scheduler(
            { db, log },
            [createWebPush(api.services.config, db, log, service.agent)!.newSessionsJob(1)],
            {
              tickMs: 1,
            },
          ),
      );
      const from = service.received.length;
      await newSession();
      for (let round = 0; round < 5; round++)
        await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
      expect(pushesTo(away.subscription, from)).toHaveLength(1);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });

  it('sends one push when two rounds race past the scheduler (the conditional notified_through decides)', async () => {
    const away = await mechanicWho('away');
    const from = service.received.length;
    await newSession();
    const pools = [connect(database.url), connect(database.url)];
    try {
      await Promise.all(pools.map(({ db }) => db.transaction((tx) => pushNewSessions(tx, push.sender, log))));
      expect(pushesTo(away.subscription, from)).toHaveLength(1);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  });
});

const QUOTE: QuoteDraftInput = {
  taxRateBps: 0,
  workshopName: 'Main Street Garage',
  workshopAddress: '1 Main Street, Springfield',
  lines: [{ kind: 'labour', description: 'Replace front pads', quantityMilli: 1000, unitPriceCents: 9_500 }],
};

describe('the quote-decided push', () => {
  it("tells the quote's mechanic, with no tab open, that the customer decided", async () => {
    const customer = await signUpCustomer(api.url, 'Ada Lovelace');
    const mechanic = await signInNewMechanic(api.url, database.db);
    const subscription = service.subscribe();
    await mechanic.client.mechanic.subscribePush.mutate({
      endpoint: subscription.endpoint,
      keys: subscription.keys,
    });
    const started = await customer.client.intake.startSession.mutate(
      intake({ vehicle: { year: 2016, make: 'Skoda', model: 'Octavia' } }),
    );
    if (started.kind !== 'session') throw new Error('expected a session');
    const sessionId = started.session.id;
    const { entries } = await mechanic.client.mechanic.queue.query();
    await mechanic.client.mechanic.accept.mutate({
      assignmentId: entries.find((entry) => entry.sessionId === sessionId)!.assignmentId,
    });
    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    const draft = await mechanic.client.mechanic.saveQuoteDraft.mutate({ sessionId, quote: QUOTE });
    const quote = await mechanic.client.mechanic.sendQuote.mutate({ quoteId: draft.id });
    const from = service.received.length;
    await customer.client.customer.decideQuote.mutate({
      quoteId: quote.id,
      decisions: quote.lines.map((line) => ({ lineId: line.id, approved: true })),
      signatureName: 'Ada Lovelace',
    });

    const [received] = await waitFor(() => {
      const pushes = pushesTo(subscription, from);
      return pushes.length > 0 && pushes;
    }, 'the quote-decided push');
    expect(received!.headers).toMatchObject({ urgency: 'normal' });
    expect(opened(received!, subscription)).toEqual({
      kind: 'quote_decided',
      title: 'Quote approved',
      body: 'Ada Lovelace approved version 1 of your quote for the 2016 Skoda Octavia',
      tag: `quote-${sessionId}`,
      url: `/sessions/${sessionId}`,
    });
  });
});
