import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomFeedEntry, TypingSignal } from '../../router.ts';
import type { ApiServer } from '../../server.ts';
import { createTRPCContext } from '../../trpc/context.ts';
import { roomFeedHandler } from './room-feed.handler.ts';
import type { TestUser } from '../../testing/accounts.ts';
import { createApiClient } from '../../testing/api-client.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { FeedRecorder, type Tracked } from '../../testing/feed-recorder.ts';
import { intake, summary } from '../../testing/fixtures.ts';
import { startTestApi, useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

type RoomItem = Tracked<RoomFeedEntry> | TypingSignal;
const isEntry = (item: RoomItem): item is Tracked<RoomFeedEntry> => 'id' in item && 'data' in item;
const messagesOf = (items: RoomItem[]) =>
  items.filter(isEntry).flatMap((item) => (item.data.kind === 'message' ? [item.data] : []));

/** A customer's session accepted by a mechanic: its room is open. */
async function openRoom(options: { customerName?: string; mechanicName?: string } = {}) {
  const customer = await t.customer(options.customerName ?? 'Casey Driver');
  const mechanic = await t.mechanic(options.mechanicName ?? 'Morgan Wrench');
  const result = await customer.client.intake.startSession.mutate(intake());
  if (result.kind !== 'session') throw new Error('expected a session');
  const sessionId = result.session.id;
  const { entries } = await mechanic.client.mechanic.queue.query();
  const entry = entries.find((e) => e.sessionId === sessionId)!;
  await mechanic.client.mechanic.accept.mutate({ assignmentId: entry.assignmentId });
  return { customer, mechanic, sessionId };
}

const send = (user: TestUser, sessionId: string, body: string, clientMessageId = randomUUID()) =>
  user.client.room.send.mutate({ sessionId, clientMessageId, body });

function follow(user: TestUser, sessionId: string, lastEventId?: string) {
  return new FeedRecorder<RoomItem>(user.client.room.feed, { sessionId, lastEventId });
}

describe('room messages', () => {
  it('go both ways, in order, between the system lines of the session', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    const customerFeed = follow(customer, sessionId);
    const mechanicFeed = follow(mechanic, sessionId);
    await Promise.all([customerFeed.started(), mechanicFeed.started()]);

    const question = await send(customer, sessionId, 'It grinds when I brake.\nMostly when cold.');
    expect(question).toMatchObject({
      kind: 'message',
      authorRole: 'customer',
      authorName: 'Casey',
      body: 'It grinds when I brake.\nMostly when cold.',
      photos: [],
    });
    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    const answer = await send(mechanic, sessionId, '  Does it pull to one side?  ');
    expect(answer).toMatchObject({
      authorRole: 'mechanic',
      authorName: 'Morgan Wrench',
      body: 'Does it pull to one side?',
    });
    await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: summary() });

    for (const feed of [customerFeed, mechanicFeed]) {
      await feed.find((item) => isEntry(item) && item.data.kind === 'system' && item.data.event === 'ended');
      const shown = feed.received
        .filter(isEntry)
        .map((item) =>
          item.data.kind === 'system'
            ? item.data.event
            : item.data.kind === 'message'
              ? item.data.body
              : 'read',
        );
      expect(shown).toEqual([
        'assignment_accepted',
        'It grinds when I brake.\nMostly when cold.',
        'started',
        'Does it pull to one side?',
        'ended',
      ]);
      // Ids are the feed order: increasing.
      const ids = feed.received.filter(isEntry).map((item) => Number(item.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      feed.stop();
    }
    // Nothing that identifies the customer beyond a first name.
    expect(JSON.stringify(mechanicFeed.received)).not.toContain(customer.userId);
    expect(JSON.stringify(mechanicFeed.received)).not.toContain(customer.email);
  });

  it('are stored once however often a send is retried with the same id', async () => {
    const { customer, sessionId } = await openRoom();
    const clientMessageId = randomUUID();
    const [first, again, concurrent] = await Promise.all([
      send(customer, sessionId, 'Hello?', clientMessageId),
      send(customer, sessionId, 'Hello?', clientMessageId),
      send(customer, sessionId, 'Hello?', clientMessageId),
    ]);
    expect(again.id).toBe(first.id);
    expect(concurrent.id).toBe(first.id);
    expect(await send(customer, sessionId, 'Hello?', clientMessageId)).toEqual(first);
    const rows = await t.database.sql`
      SELECT id FROM room_entries WHERE session_id = ${sessionId} AND kind = 'message'`;
    expect(rows).toHaveLength(1);
  });

  it('refuses a message id its sender already used in another room, writing nothing', async () => {
    const first = await openRoom();
    const clientMessageId = randomUUID();
    await send(first.mechanic, first.sessionId, 'First room', clientMessageId);
    await first.mechanic.client.mechanic.startSession.mutate({ sessionId: first.sessionId });
    await first.mechanic.client.mechanic.endSession.mutate({
      sessionId: first.sessionId,
      summary: summary(),
    });

    // The same mechanic's next session.
    const customer = await t.customer();
    const result = await customer.client.intake.startSession.mutate(intake());
    if (result.kind !== 'session') throw new Error('expected a session');
    const { entries } = await first.mechanic.client.mechanic.queue.query();
    const entry = entries.find((e) => e.sessionId === result.session.id)!;
    await first.mechanic.client.mechanic.accept.mutate({ assignmentId: entry.assignmentId });
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(
      send(first.mechanic, result.session.id, 'Second room', clientMessageId),
      'BAD_REQUEST',
      {
        appCode: 'MESSAGE_ID_TAKEN',
      },
    );
    expect(await dbSnapshot(t.database.db)).toEqual(before);
    // Another author may use the same id: ids are per sender.
    expect((await send(customer, result.session.id, 'Mine', clientMessageId)).body).toBe('Mine');
  });

  it('refuses empty, blank, too long and control-character messages, writing nothing', async () => {
    const { customer, sessionId } = await openRoom();
    const before = await dbSnapshot(t.database.db);
    for (const body of ['', '   \n\t ', 'x'.repeat(4001), 'null\u0000byte']) {
      await expectTRPCError(send(customer, sessionId, body), 'BAD_REQUEST');
    }
    expect(await dbSnapshot(t.database.db)).toEqual(before);
    // 4,000 characters is the limit, not over it.
    expect((await send(customer, sessionId, 'y'.repeat(4000))).body).toHaveLength(4000);
  });

  it('are refused before the accept and after the end, for both sides; the room stays readable', async () => {
    const customer = await t.customer();
    const result = await customer.client.intake.startSession.mutate(intake());
    if (result.kind !== 'session') throw new Error('expected a session');
    await expectTRPCError(send(customer, result.session.id, 'Anyone?'), 'CONFLICT', {
      appCode: 'ROOM_CLOSED',
    });
    await customer.client.customer.cancelSession.mutate({ sessionId: result.session.id });

    const room = await openRoom();
    await send(room.customer, room.sessionId, 'Before the end');
    await room.mechanic.client.mechanic.startSession.mutate({ sessionId: room.sessionId });
    await room.mechanic.client.mechanic.endSession.mutate({ sessionId: room.sessionId, summary: summary() });
    const before = await dbSnapshot(t.database.db);
    for (const user of [room.customer, room.mechanic]) {
      await expectTRPCError(send(user, room.sessionId, 'After the end'), 'CONFLICT', {
        appCode: 'ROOM_CLOSED',
      });
      await expectTRPCError(user.client.room.typing.mutate({ sessionId: room.sessionId }), 'CONFLICT');
    }
    expect(await dbSnapshot(t.database.db)).toEqual(before);

    const replay = follow(room.customer, room.sessionId);
    await replay.find((item) => isEntry(item) && item.data.kind === 'system' && item.data.event === 'ended');
    expect(messagesOf(replay.received).map((m) => m.body)).toEqual(['Before the end']);
    replay.stop();
  });

  it('never come after the end in the room, however close the race', async () => {
    for (let round = 0; round < 5; round++) {
      const { customer, mechanic, sessionId } = await openRoom();
      await mechanic.client.mechanic.startSession.mutate({ sessionId });
      const sends = Array.from({ length: 8 }, (_, i) =>
        send(i % 2 ? customer : mechanic, sessionId, `message ${i}`).then(
          () => 'sent',
          () => 'refused',
        ),
      );
      await Promise.all([
        mechanic.client.mechanic.endSession.mutate({ sessionId, summary: summary() }),
        ...sends,
      ]);
      const order = await t.database.sql<{ kind: string; system_event: string | null }[]>`
        SELECT kind, system_event FROM room_entries WHERE session_id = ${sessionId} ORDER BY tx_id, id`;
      const ended = order.findIndex((entry) => entry.system_event === 'ended');
      expect(ended).toBeGreaterThan(0);
      expect(order.slice(ended + 1).filter((entry) => entry.kind === 'message')).toEqual([]);
    }
  });
});

describe('the room feed', () => {
  it('resumes after a reconnect with exactly what was missed', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    await send(customer, sessionId, 'one');
    const first = follow(mechanic, sessionId);
    const seen = await first.find((item) => isEntry(item) && item.data.kind === 'message');
    first.stop();
    const lastEventId = (seen as Tracked<RoomFeedEntry>).id;

    // Meanwhile, offline: two more messages.
    await send(customer, sessionId, 'two');
    await send(customer, sessionId, 'three');
    const resumed = follow(mechanic, sessionId, lastEventId);
    await resumed.count(2);
    await send(customer, sessionId, 'four');
    await resumed.count(3);
    expect(messagesOf(resumed.received).map((m) => m.body)).toEqual(['two', 'three', 'four']);
    resumed.stop();
  });

  it('ends at once for a subscriber who left before it started', async () => {
    const { customer, sessionId } = await openRoom();
    const ctx = await createTRPCContext({
      services: t.api.services,
      headers: new Headers({ cookie: customer.cookie }),
    });
    if (ctx.user?.role !== 'customer') throw new Error('expected a signed-in customer');
    // Gone before the feed's first read: had it missed that, it would stay subscribed (and keep
    // the instance from stopping) until its hubs closed; the test would run out of time.
    const feed = roomFeedHandler({
      ctx: { ...ctx, user: { ...ctx.user, role: ctx.user.role } },
      input: { sessionId },
      signal: AbortSignal.abort(),
    });
    const received: unknown[] = [];
    for await (const item of feed) received.push(item);
    // The backlog read before the live part is all it gives: the room's first line, the accept.
    expect(received.length).toBeLessThanOrEqual(1);
  });

  it('is refused to anyone outside the session, and nothing of it reaches them', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    const stranger = await t.customer();
    const otherMechanic = await t.mechanic();
    for (const outsider of [stranger, otherMechanic]) {
      const feed = follow(outsider, sessionId);
      const error = await feed.failure();
      expect(error).toMatchObject({ data: { code: 'NOT_FOUND', appCode: 'SESSION_NOT_FOUND' } });
      await expectTRPCError(send(outsider, sessionId, 'let me in'), 'NOT_FOUND');
      await expectTRPCError(outsider.client.room.typing.mutate({ sessionId }), 'NOT_FOUND');
      const [entry] = await t.database.sql<{ id: string }[]>`
        SELECT min(id)::text AS id FROM room_entries WHERE session_id = ${sessionId}`;
      await expectTRPCError(
        outsider.client.room.markRead.mutate({ sessionId, upToId: entry!.id }),
        'NOT_FOUND',
      );
    }
    // A participant's own feed of another room: a lastEventId of this room names nothing there.
    const other = await openRoom();
    const [entryHere] = await t.database.sql<{ id: string }[]>`
      SELECT max(id)::text AS id FROM room_entries WHERE session_id = ${sessionId}`;
    const crossed = follow(other.customer, other.sessionId, entryHere!.id);
    const shown = await crossed.find((item) => isEntry(item));
    expect((shown as Tracked<RoomFeedEntry>).data.sessionId).toBe(other.sessionId);
    crossed.stop();
    // The participants themselves are let in.
    for (const participant of [customer, mechanic]) {
      const own = follow(participant, sessionId);
      await own.find((item) => isEntry(item));
      own.stop();
    }
  });
});

describe('across API instances', () => {
  let second: ApiServer;
  beforeAll(async () => {
    second = await startTestApi(t.database, t.emulator);
  });
  afterAll(async () => {
    await second.close();
  });

  it('delivers messages, read marks and typing sent through another instance', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    const mechanicOnSecond = { ...mechanic, client: createApiClient(second.url, mechanic.cookie) };
    const feed = follow(mechanicOnSecond, sessionId);
    await feed.started();

    const sent = [];
    for (let i = 0; i < 20; i++) sent.push(await send(customer, sessionId, `message ${i}`));
    await feed.find(
      (item) => isEntry(item) && item.data.kind === 'message' && item.data.body === 'message 19',
    );
    expect(messagesOf(feed.received).map((m) => m.id)).toEqual(sent.map((m) => m.id));

    await customer.client.room.typing.mutate({ sessionId });
    await feed.find((item) => !isEntry(item) && item.kind === 'typing' && item.role === 'customer');

    await customer.client.room.markRead.mutate({ sessionId, upToId: sent.at(-1)!.id });
    const read = await feed.find((item) => isEntry(item) && item.data.kind === 'read');
    expect((read as Tracked<RoomFeedEntry>).data).toMatchObject({
      kind: 'read',
      authorRole: 'customer',
      readUpTo: sent.at(-1)!.id,
    });
    feed.stop();
  });
});

describe('typing and read marks', () => {
  it('show the other side typing, never one’s own', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    const customerFeed = follow(customer, sessionId);
    const mechanicFeed = follow(mechanic, sessionId);
    await Promise.all([customerFeed.started(), mechanicFeed.started()]);
    await customer.client.room.typing.mutate({ sessionId });
    await mechanicFeed.find((item) => !isEntry(item) && item.role === 'customer');
    await mechanic.client.room.typing.mutate({ sessionId });
    await customerFeed.find((item) => !isEntry(item) && item.role === 'mechanic');
    expect(customerFeed.received.filter((item) => !isEntry(item) && item.role === 'customer')).toEqual([]);
    customerFeed.stop();
    mechanicFeed.stop();
  });

  it('only move forward, and only to an entry of the same room', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    const first = await send(mechanic, sessionId, 'first');
    const second = await send(mechanic, sessionId, 'second');
    await customer.client.room.markRead.mutate({ sessionId, upToId: second.id });
    const other = await openRoom();
    const foreign = await send(other.mechanic, other.sessionId, 'elsewhere');
    const before = await dbSnapshot(t.database.db);
    await customer.client.room.markRead.mutate({ sessionId, upToId: first.id });
    await customer.client.room.markRead.mutate({ sessionId, upToId: second.id });
    await customer.client.room.markRead.mutate({ sessionId, upToId: foreign.id });
    await customer.client.room.markRead.mutate({ sessionId, upToId: '999999999' });
    expect(await dbSnapshot(t.database.db)).toEqual(before);
    const marks = await t.database.sql<{ read_up_to: string }[]>`
      SELECT read_up_to::text FROM room_entries WHERE session_id = ${sessionId} AND kind = 'read'`;
    expect(marks.map((mark) => mark.read_up_to)).toEqual([second.id]);
  });
});

describe('the summary', () => {
  it('is written with the end and shown to the customer, in the session and the history', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    const ended = await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: summary() });
    expect(ended.summary).toMatchObject(summary());
    expect(ended.summary?.writtenAt).toBeInstanceOf(Date);
    expect(await customer.client.customer.session.query({ sessionId })).toMatchObject({
      status: 'ended',
      summary: summary(),
    });
    const history = await customer.client.customer.history.query({ limit: 5 });
    expect(history.items[0]).toMatchObject({ id: sessionId, summary: summary() });
  });

  it('is required, and a bad one ends nothing', async () => {
    const { mechanic, sessionId } = await openRoom();
    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    const before = await dbSnapshot(t.database.db);
    for (const bad of [
      undefined,
      summary({ found: '   ' }),
      summary({ nextSteps: 'x'.repeat(2001) }),
      summary({ workshopVisitNeeded: 'yes' }),
    ]) {
      await expectTRPCError(
        mechanic.client.mechanic.endSession.mutate({ sessionId, summary: bad } as never),
        'BAD_REQUEST',
      );
    }
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });
});
