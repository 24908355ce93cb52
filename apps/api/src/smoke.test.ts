import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import type { QueueFeedEvent } from './router.ts';
import { FeedRecorder, type Tracked } from './testing/feed-recorder.ts';
import { intake } from './testing/fixtures.ts';
import { useTestApi } from './testing/test-api.ts';

const t = useTestApi();

describe('smoke', () => {
  it('starts a free session and refuses a second', async () => {
    const alice = await t.customer();
    const result = await alice.client.intake.startSession.mutate(intake());
    expect(result.kind).toBe('session');
    const error = await alice.client.intake.startSession.mutate(intake()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({ code: 'CONFLICT', httpStatus: 409 });
  });
});

describe('smoke: queue feed', () => {
  it('delivers new_assignment to a subscribed mechanic', async () => {
    const mike = await t.mechanic();
    const bob = await t.customer();
    const feed = new FeedRecorder<Tracked<QueueFeedEvent>>(mike.client.mechanic.queueFeed, undefined);
    await feed.started();
    await bob.client.intake.startSession.mutate(intake());
    const [event] = await feed.count(1);
    feed.stop();
    expect(event).toMatchObject({ data: { type: 'new_assignment' } });
  });
});
