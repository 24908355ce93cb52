import { invariantViolations, NO_VIOLATIONS } from '@autodoctor/db/testing';
import { positionOfEvent, readSessionEvents } from '@autodoctor/session-core';
import { sessions } from '@autodoctor/db';
import { TRPCClientError } from '@trpc/client';
import { expect, it } from 'vitest';
import { toQueueFeedEvent } from '@autodoctor/api';
import type { QueueFeedEvent } from '@autodoctor/api/router';
import type { TestUser } from '@autodoctor/api/testing/accounts';
import { createApiClient } from '@autodoctor/api/testing/api-client';
import { FeedRecorder, type Tracked } from '@autodoctor/api/testing/feed-recorder';
import { intake } from '@autodoctor/api/testing/fixtures';
import { describeWithNginx, useTestCluster } from './test-cluster.ts';
import { waitFor } from '@autodoctor/api/testing/wait-for';
import { openSubscriptionsOf } from './metrics-of.ts';

const t = useTestCluster();

/** Runs `work` over `items`, `parallel` at a time; every outcome kept. */
async function inWaves<T, R>(items: T[], parallel: number, work: (item: T) => Promise<R>) {
  const outcomes: PromiseSettledResult<R>[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const index = next++;
        outcomes[index] = await work(items[index]!).then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        );
      }
    }),
  );
  return outcomes;
}

// This once failed now and then, for two reasons. The hub stalled: the subscriber reconnected to an
// instance whose hub had had no subscriber (so it had let the announcements go) while events
// committed were not settled yet, and nothing announced them again; the hub now reads on until they
// settle (realtime/event-hub.ts). And the subscriber had no position: it subscribed without a
// lastEventId, so when nothing had reached it before the kill (delivery held back by a transaction
// elsewhere on the shared server), its reconnect started "from now" and missed the burst; it now
// starts from the queue's lastEventId, as clients should.
describeWithNginx('an API instance killed (SIGKILL) during a burst through nginx', () => {
  it('leaves no partial session, nginx serves from the others, and the queue feed misses nothing', async () => {
    const { cluster, database } = t;
    // Sign-ups cost CPU (password hashing): made before the burst, not counted in it.
    const customers: TestUser[] = [];
    for (let i = 0; i < 36; i++) customers.push(await t.customer());
    const mechanic = await t.mechanic();
    // As a client should: load the queue, follow the feed from its lastEventId. Without a position
    // (no event received yet) a reconnect could only start "from now" and miss what came meanwhile;
    // one session first, so that the queue has a lastEventId.
    await (await t.customer()).client.intake.startSession.mutate(intake());
    const { lastEventId } = await waitFor(async () => {
      const queue = await mechanic.client.mechanic.queue.query();
      return queue.lastEventId !== null && queue;
    }, 'the first session to settle');
    const feed = new FeedRecorder<Tracked<QueueFeedEvent>>(
      createApiClient(cluster.url, mechanic.cookie).mechanic.queueFeed,
      { lastEventId },
    );
    await feed.started();
    // The instance serving the subscriber's stream is the one to kill: its client must reconnect.
    const serving = await waitFor(async () => {
      for (const instance of cluster.instances) {
        if ((await openSubscriptionsOf(instance.metricsUrl, 'mechanic.queueFeed')) === 1) return instance;
      }
      return undefined;
    }, 'the instance serving the queue feed');

    const [before, after] = [customers.slice(0, 24), customers.slice(24)];
    let done = 0;
    let killed: Promise<void> | undefined;
    const startSession = async (customer: TestUser) => {
      try {
        return await customer.client.intake.startSession.mutate(intake());
      } finally {
        // A third of the way in, with requests in flight on every instance.
        if (++done === 8) killed = serving.kill('SIGKILL');
      }
    };
    const burst = await inWaves(before, 6, startSession);
    await killed;
    expect(serving.process).toBeUndefined();

    // In flight on the killed instance: failed as nginx's typed BAD_GATEWAY (502), never anything else.
    for (const outcome of burst) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(TRPCClientError);
        expect((outcome.reason as TRPCClientError<never>).data).toMatchObject({
          code: 'BAD_GATEWAY',
          httpStatus: 502,
        });
      }
    }
    // Once it is dead, nginx sends everything to the other two: every request succeeds.
    const afterKill = await inWaves(after, 6, startSession);
    expect(afterKill.filter((outcome) => outcome.status === 'rejected')).toEqual([]);

    // No partial session: each has its participant, assignment and created event.
    expect(await invariantViolations(database.db)).toEqual(NO_VIOLATIONS);
    const rows = await database.db.select({ id: sessions.id }).from(sessions);
    const burstRows = rows.length - 1; // the first session came before the feed
    const succeeded = [...burst, ...afterKill].filter((outcome) => outcome.status === 'fulfilled');
    for (const outcome of succeeded) {
      if (outcome.value.kind !== 'session') throw new Error('expected a free session');
      expect(rows.map((row) => row.id)).toContain(outcome.value.session.id);
    }
    // Requests cut off may or may not have committed; none committed twice.
    expect(burstRows).toBeGreaterThanOrEqual(succeeded.length);
    expect(burstRows).toBeLessThanOrEqual(customers.length);

    // The subscriber reconnected through nginx with its lastEventId: exactly the table's queue events.
    const feedStart = await positionOfEvent(database.db, Number(lastEventId));
    const expected = (await readSessionEvents(database.db, { after: feedStart, limit: 10_000 }))
      .filter((event) => toQueueFeedEvent(event) !== undefined)
      .map((event) => String(event.id));
    expect(expected).toHaveLength(burstRows);
    // Generous: the feed reads only up to the oldest running transaction of the whole server,
    // and other test files (a held lock, a slow commit) can hold that back for a while.
    await waitFor(() => feed.received.length >= expected.length, 'the feed to catch up', 90_000).catch(
      (error: unknown) => {
        const missing = expected.filter((id) => !feed.received.some((event) => event.id === id));
        throw new Error(
          `${String(error)}: ${feed.received.length} of ${expected.length} received, missing ${missing.join(', ')}; stream error: ${String(feed.error)}`,
        );
      },
    );
    expect(feed.received.map((event) => event.id)).toEqual(expected);
    feed.stop();
    expect(await openSubscriptionsOf(cluster.url, 'mechanic.queueFeed').catch(() => 'not exposed')).toBe(
      'not exposed',
    );
  }, 240_000); // sign-ups, the burst and up to 90 s for the feed on a busy shared machine
});
