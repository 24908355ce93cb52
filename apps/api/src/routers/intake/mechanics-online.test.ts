import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MechanicsOnlineCount } from '../../realtime/mechanics-online.ts';
import type { ApiServer } from '../../server.ts';
import type { TestUser } from '../../testing/accounts.ts';
import { createApiClient } from '../../testing/api-client.ts';
import { FeedRecorder } from '../../testing/feed-recorder.ts';
import { startTestApi, useTestApi } from '../../testing/test-api.ts';

// An hour between re-reads: whatever arrives in these tests was pushed by a switch, not polled.
const NO_RECHECK = { MECHANICS_ONLINE_RECHECK_MS: '3600000' };
const t = useTestApi(NO_RECHECK);

const countsOf = (feed: FeedRecorder<MechanicsOnlineCount>) => feed.received.map((c) => c.mechanicsOnline);

function follow(customer: TestUser, api: ApiServer) {
  const client = createApiClient(api.url, customer.cookie);
  return new FeedRecorder<MechanicsOnlineCount>(client.intake.mechanicsOnline, undefined);
}

describe('intake.mechanicsOnline', () => {
  let second: ApiServer;
  let rechecking: ApiServer;
  beforeAll(async () => {
    second = await startTestApi(t.database, t.emulator, NO_RECHECK);
    rechecking = await startTestApi(t.database, t.emulator, { MECHANICS_ONLINE_RECHECK_MS: '200' });
  });
  afterAll(async () => {
    await second.close();
    await rechecking.close();
  });

  it('pushes the count to a customer on another instance as a mechanic switches on and off', async () => {
    const customer = await t.customer();
    const mechanic = await t.mechanic();
    const feed = follow(customer, second);
    expect(await feed.count(1)).toEqual([{ mechanicsOnline: 0 }]);

    await mechanic.client.mechanic.setAvailability.mutate({ online: true });
    await feed.count(2);
    expect(countsOf(feed)).toEqual([0, 1]);

    await mechanic.client.mechanic.setAvailability.mutate({ online: false });
    await feed.count(3);
    expect(countsOf(feed)).toEqual([0, 1, 0]);

    // A heartbeat changes nobody's availability: nothing is pushed for it.
    await mechanic.client.mechanic.heartbeat.mutate();
    const other = follow(customer, second);
    await other.count(1);
    expect(countsOf(feed)).toEqual([0, 1, 0]);
    feed.stop();
    other.stop();
  });

  it('gives every follower the count now first, and each change once', async () => {
    const [a, b] = [await t.customer(), await t.customer()];
    const [m1, m2] = [await t.mechanic(), await t.mechanic()];
    await m1.client.mechanic.setAvailability.mutate({ online: true });
    const onFirst = follow(a, t.api);
    const onSecond = follow(b, second);
    await Promise.all([onFirst.count(1), onSecond.count(1)]);
    expect(countsOf(onFirst)).toEqual([1]);
    expect(countsOf(onSecond)).toEqual([1]);

    await m2.client.mechanic.setAvailability.mutate({ online: true });
    await Promise.all([onFirst.count(2), onSecond.count(2)]);
    await Promise.all([m1, m2].map((m) => m.client.mechanic.setAvailability.mutate({ online: false })));
    await Promise.all([
      onFirst.find((c) => c.mechanicsOnline === 0),
      onSecond.find((c) => c.mechanicsOnline === 0),
    ]);
    for (const feed of [onFirst, onSecond]) {
      const counts = countsOf(feed);
      expect(counts.slice(0, 2)).toEqual([1, 2]);
      expect(counts.at(-1)).toBe(0);
      // Never the same count twice in a row.
      expect(counts.every((count, i) => i === 0 || count !== counts[i - 1])).toBe(true);
      feed.stop();
    }
  });

  it('drops a mechanic whose heartbeat went stale (no event: found by the re-read)', async () => {
    const customer = await t.customer();
    const mechanic = await t.mechanic();
    await mechanic.client.mechanic.setAvailability.mutate({ online: true });
    const feed = follow(customer, rechecking);
    expect(await feed.count(1)).toEqual([{ mechanicsOnline: 1 }]);

    // The app was closed long ago: its last heartbeat is older than MECHANIC_PRESENCE allows.
    await t.database.sql`
      UPDATE mechanic_presence SET last_seen_at = now() - interval '1 hour'
      WHERE mechanic_user_id = ${mechanic.userId}`;
    await feed.count(2);
    expect(countsOf(feed)).toEqual([1, 0]);
    feed.stop();
  });

  it('is for customers only', async () => {
    const mechanic = await t.mechanic();
    const asMechanic = new FeedRecorder<MechanicsOnlineCount>(
      mechanic.client.intake.mechanicsOnline,
      undefined,
    );
    expect(await asMechanic.failure()).toMatchObject({ data: { code: 'FORBIDDEN' } });
    const anonymous = new FeedRecorder<MechanicsOnlineCount>(t.anonymous.intake.mechanicsOnline, undefined);
    expect(await anonymous.failure()).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    asMechanic.stop();
    anonymous.stop();
  });
});
