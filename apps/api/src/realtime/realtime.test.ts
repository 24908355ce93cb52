import { sessionAssignments, sessionEvents } from '@autodoctor/db';
import postgres from 'postgres';
import { desc, eq } from '@autodoctor/db/orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueFeedEvent, SessionFeedEvent } from '../router.ts';
import type { ApiServer } from '../server.ts';
import type { TestUser } from '../testing/accounts.ts';
import { createApiClient } from '../testing/api-client.ts';
import { startDroppingProxy } from '../testing/dropping-proxy.ts';
import { FeedRecorder, type Tracked } from '../testing/feed-recorder.ts';
import { intake } from '../testing/fixtures.ts';
import { waitFor } from '../testing/wait-for.ts';
import { startTestApi, useTestApi } from '../testing/test-api.ts';

const t = useTestApi();

let second: ApiServer;
beforeAll(async () => {
  second = await startTestApi(t.database, t.emulator);
});
afterAll(async () => {
  await second.close();
});

const queueFeed = (user: TestUser, apiUrl: string, lastEventId?: string) =>
  new FeedRecorder<Tracked<QueueFeedEvent>>(
    createApiClient(apiUrl, user.cookie).mechanic.queueFeed,
    lastEventId ? { lastEventId } : undefined,
  );

async function startFree(customer: TestUser) {
  const result = await customer.client.intake.startSession.mutate(intake());
  if (result.kind !== 'session') throw new Error('expected a session');
  return result.session;
}

async function assignmentOf(sessionId: string) {
  const [assignment] = await t.database.db
    .select()
    .from(sessionAssignments)
    .where(eq(sessionAssignments.sessionId, sessionId));
  return assignment!;
}

describe('the mechanic queue feed', () => {
  it('delivers new_assignment to mechanics on both instances, whichever instance made the session', async () => {
    const onFirst = queueFeed(await t.mechanic(), t.api.url);
    const onSecond = queueFeed(await t.mechanic(), second.url);
    await Promise.all([onFirst.started(), onSecond.started()]);

    const customer = await t.customer();
    const created = await createApiClient(second.url, customer.cookie).intake.startSession.mutate(intake());
    if (created.kind !== 'session') throw new Error('expected a session');

    for (const feed of [onFirst, onSecond]) {
      const event = await feed.find((e) => e.data.type === 'new_assignment');
      expect(event.data).toMatchObject({
        type: 'new_assignment',
        entry: { sessionId: created.session.id, sessionType: 'free', vehicle: { make: 'Honda' } },
      });
      expect(event.id).toMatch(/^\d+$/);
      feed.stop();
    }
  });

  it('resumes after a dropped connection with exactly the events missed, in order', async () => {
    const mechanic = await t.mechanic();
    const before = queueFeed(mechanic, t.api.url);
    await before.started();
    const first = await startFree(await t.customer());
    const [seen] = await before.count(1);
    expect(seen!.data).toMatchObject({ type: 'new_assignment', entry: { sessionId: first.id } });
    before.stop();

    // While disconnected: three sessions enter the queue, one is taken, one is cancelled.
    const customers = [await t.customer(), await t.customer(), await t.customer()];
    const missed = [];
    for (const customer of customers) missed.push(await startFree(customer));
    const other = await t.mechanic();
    await other.client.mechanic.accept.mutate({ assignmentId: (await assignmentOf(missed[0]!.id)).id });
    await customers[1]!.client.customer.cancelSession.mutate({ sessionId: missed[1]!.id });

    const after = queueFeed(mechanic, second.url, seen!.id);
    const replayed = await after.count(5);
    expect(
      replayed.map((e) => [e.data.type, 'entry' in e.data ? e.data.entry.sessionId : e.data.sessionId]),
    ).toEqual([
      ['new_assignment', missed[0]!.id],
      ['new_assignment', missed[1]!.id],
      ['new_assignment', missed[2]!.id],
      ['assignment_accepted', missed[0]!.id],
      ['assignment_cancelled', missed[1]!.id],
    ]);
    // Then it goes on live, without repeating anything.
    const live = await startFree(await t.customer());
    const next = await after.find(
      (e) => e.data.type === 'new_assignment' && e.data.entry.sessionId === live.id,
    );
    expect(after.received.indexOf(next)).toBe(5);
    const ids = after.received.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    after.stop();
  });

  it('delivers, on an instance idle until the reconnect, events committed but not yet settled then', async () => {
    // A third instance: nobody subscribed there, so it reads no events and lets announcements go.
    const third = await startTestApi(t.database, t.emulator);
    const holder = postgres(t.database.url, { max: 1, onnotice: () => {} });
    try {
      const mechanic = await t.mechanic();
      await startFree(await t.customer());
      const [seen] = await t.database.db
        .select({ id: sessionEvents.id })
        .from(sessionEvents)
        .orderBy(desc(sessionEvents.id))
        .limit(1);

      // A transaction older than the next session's holds the feed's horizon back (as a slow
      // request anywhere on the server does); the session commits, announced to nobody on `third`.
      let release = (): void => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding = (): void => {};
      const held = new Promise<void>((resolve) => (holding = resolve));
      const transaction = holder.begin(async (tx) => {
        await tx`SELECT pg_current_xact_id()`;
        holding();
        await released;
      });
      await held;
      const missed = await startFree(await t.customer());

      // The mechanic reconnects to `third` with its lastEventId while the event is not settled,
      // so the backlog cannot have it yet; then the old transaction ends, and nothing else happens.
      const feed = queueFeed(mechanic, third.url, String(seen!.id));
      await feed.started();
      // The stream opens before the backlog is read: give that read time to happen while held.
      await new Promise((resolve) => setTimeout(resolve, 500));
      release();
      await transaction;
      const event = await waitFor(
        () =>
          feed.received.find((e) => e.data.type === 'new_assignment' && e.data.entry.sessionId === missed.id),
        'the event held back to arrive without a further announcement',
        20_000,
      );
      expect(feed.received.indexOf(event)).toBe(0);
      feed.stop();
    } finally {
      await holder.end({ timeout: 5 });
      await third.close();
    }
  });

  it('recovers by itself when the connection drops: the client resumes with its lastEventId', async () => {
    const proxy = await startDroppingProxy(t.api.url);
    try {
      const mechanic = await t.mechanic();
      const feed = new FeedRecorder<Tracked<QueueFeedEvent>>(
        createApiClient(proxy.url, mechanic.cookie).mechanic.queueFeed,
        undefined,
      );
      await feed.started();
      const made = [await startFree(await t.customer())];
      await feed.count(1);
      // Cut the stream; more sessions enter the queue while httpSubscriptionLink reconnects.
      proxy.dropConnections();
      for (let i = 0; i < 3; i++) made.push(await startFree(await t.customer()));
      proxy.dropConnections();
      made.push(await startFree(await t.customer()));
      await feed.count(made.length);
      const newSessions = feed.received
        .filter((e) => e.data.type === 'new_assignment')
        .map((e) => (e.data.type === 'new_assignment' ? e.data.entry.sessionId : ''));
      expect(newSessions).toEqual(made.map((session) => session.id));
      feed.stop();
    } finally {
      await proxy.close();
    }
  });

  it('lets a client load the queue and follow it from there without a gap', async () => {
    const mechanic = await t.mechanic();
    const { entries, lastEventId } = await mechanic.client.mechanic.queue.query();
    expect(lastEventId).toMatch(/^\d+$/);
    const queued = await startFree(await t.customer()); // between the load and the subscription
    const feed = queueFeed(mechanic, t.api.url, lastEventId!);
    const event = await feed.find(
      (e) => e.data.type === 'new_assignment' && e.data.entry.sessionId === queued.id,
    );
    expect(event).toBeDefined();
    expect(entries.map((entry) => entry.sessionId)).not.toContain(queued.id);
    feed.stop();
  });
});

describe('the session feed', () => {
  it('replays the history, then follows each status change, for the customer and the mechanic', async () => {
    const customer = await t.customer();
    const session = await startFree(customer);
    const customerFeed = new FeedRecorder<Tracked<SessionFeedEvent>>(customer.client.session.feed, {
      sessionId: session.id,
    });
    const [created] = await customerFeed.count(1);
    expect(created!.data).toMatchObject({
      type: 'created',
      status: 'pending',
      from: null,
      sessionId: session.id,
    });

    const mechanic = await t.mechanic();
    await mechanic.client.mechanic.accept.mutate({ assignmentId: (await assignmentOf(session.id)).id });
    const mechanicFeed = new FeedRecorder<Tracked<SessionFeedEvent>>(
      createApiClient(second.url, mechanic.cookie).session.feed,
      { sessionId: session.id },
    );
    await mechanicFeed.count(2);
    await mechanic.client.mechanic.startSession.mutate({ sessionId: session.id });
    await customer.client.customer.endSession.mutate({ sessionId: session.id });

    const expected = [
      ['created', 'pending'],
      ['assignment_accepted', 'waiting'],
      ['started', 'live'],
      ['ended', 'ended'],
    ];
    for (const feed of [customerFeed, mechanicFeed]) {
      const events = await feed.count(4);
      expect(events.map((e) => [e.data.type, e.data.status])).toEqual(expected);
      feed.stop();
    }

    // Resuming after the second event gives the last two only.
    const resumed = new FeedRecorder<Tracked<SessionFeedEvent>>(customer.client.session.feed, {
      sessionId: session.id,
      lastEventId: customerFeed.received[1]!.id,
    });
    const rest = await resumed.count(2);
    expect(rest.map((e) => e.data.type)).toEqual(['started', 'ended']);
    resumed.stop();
  });
});
