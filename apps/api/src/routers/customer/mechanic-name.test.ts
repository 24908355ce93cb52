import type { SessionFeedEvent } from '../../router.ts';
import { describe, expect, it } from 'vitest';
import { FeedRecorder, type Tracked } from '../../testing/feed-recorder.ts';
import { intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

describe("the accepting mechanic's name in the customer's views", () => {
  it('is null until a mechanic accepts, then the name everywhere the customer sees the session', async () => {
    const customer = await t.customer('Cass Customer');
    const started = await customer.client.intake.startSession.mutate(intake());
    if (started.kind !== 'session') throw new Error('expected a session');
    expect(started.session.mechanic).toBeNull();
    const sessionId = started.session.id;
    expect(await customer.client.customer.activeSession.query()).toMatchObject({ mechanic: null });
    const feed = new FeedRecorder<Tracked<SessionFeedEvent>>(customer.client.session.feed, { sessionId });
    await feed.started();

    const mechanic = await t.mechanic('Mo Mechanic');
    const { entries } = await mechanic.client.mechanic.queue.query();
    const accepted = await mechanic.client.mechanic.accept.mutate({
      assignmentId: entries.find((e) => e.sessionId === sessionId)!.assignmentId,
    });
    expect(accepted).toMatchObject({ mechanic: { name: 'Mo Mechanic' } });
    const named = { mechanic: { name: 'Mo Mechanic' } };
    expect(await customer.client.customer.activeSession.query()).toMatchObject(named);
    expect(await customer.client.customer.session.query({ sessionId })).toMatchObject(named);
    expect((await customer.client.customer.history.query({})).items[0]).toMatchObject(named);
    expect(await mechanic.client.mechanic.session.query({ sessionId })).toMatchObject(named);

    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    expect(await customer.client.customer.endSession.mutate({ sessionId })).toMatchObject({
      status: 'ended',
      ...named,
    });
    await feed.find((e) => e.data.type === 'ended');
    feed.stop();
    expect(feed.received.map((e) => [e.data.type, e.data.mechanicName])).toEqual([
      ['created', null],
      ['assignment_accepted', 'Mo Mechanic'],
      ['started', 'Mo Mechanic'],
      ['ended', 'Mo Mechanic'],
    ]);

    // Replayed later, the events say the same.
    const replay = new FeedRecorder<Tracked<SessionFeedEvent>>(customer.client.session.feed, { sessionId });
    const replayed = await replay.count(4);
    replay.stop();
    expect(replayed.map((e) => e.data.mechanicName)).toEqual([
      null,
      'Mo Mechanic',
      'Mo Mechanic',
      'Mo Mechanic',
    ]);
  });

  it('stays on a session cancelled after the accept, and is null on one cancelled before', async () => {
    const customer = await t.customer();
    const first = await customer.client.intake.startSession.mutate(intake());
    if (first.kind !== 'session') throw new Error('expected a session');
    const cancelled = await customer.client.customer.cancelSession.mutate({ sessionId: first.session.id });
    expect(cancelled.session.mechanic).toBeNull();

    const second = await customer.client.intake.startSession.mutate(intake());
    if (second.kind !== 'session') throw new Error('expected a session');
    const mechanic = await t.mechanic('Ria Mechanic');
    const { entries } = await mechanic.client.mechanic.queue.query();
    await mechanic.client.mechanic.accept.mutate({
      assignmentId: entries.find((e) => e.sessionId === second.session.id)!.assignmentId,
    });
    const afterAccept = await customer.client.customer.cancelSession.mutate({ sessionId: second.session.id });
    expect(afterAccept.session).toMatchObject({ status: 'cancelled', mechanic: { name: 'Ria Mechanic' } });
  });
});
