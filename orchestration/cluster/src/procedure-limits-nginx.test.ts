import { randomUUID } from 'node:crypto';
import { creditPurchases } from '@autodoctor/db';
import { count, eq } from '@autodoctor/db/orm';
import { expect, it } from 'vitest';
import type { TestUser } from '@autodoctor/api/testing/accounts';
import { createApiClient } from '@autodoctor/api/testing/api-client';
import { intake } from '@autodoctor/api/testing/fixtures';
import { describeWithNginx, useTestCluster } from './test-cluster.ts';

// Two instances behind nginx, small limits on the mutations under test.
const t = useTestCluster(
  {
    RATE_LIMITS: 'on',
    RATE_LIMIT_BUY_CREDITS_PER_ACCOUNT: '2/600',
    RATE_LIMIT_ROOM_SEND_PER_ACCOUNT: '3/600',
    RATE_LIMIT_ROOM_TYPING_PER_ACCOUNT: '2/600',
    RATE_LIMIT_ROOM_MARK_READ_PER_ACCOUNT: '2/600',
  },
  { instances: 2 },
);

type BatchAnswer = { result: unknown } | { error: { json: { message: string; data: { code: string } } } };

/** One POST carrying a call of `path` per input (tRPC's batch), to nginx or one instance. */
async function batch(user: TestUser, path: string, inputs: unknown[], url = t.cluster.url) {
  const response = await fetch(`${url}/trpc/${inputs.map(() => path).join(',')}?batch=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: user.cookie },
    body: JSON.stringify(Object.fromEntries(inputs.map((input, i) => [i, { json: input }]))),
  });
  const answers = (await response.json()) as BatchAnswer[];
  const codes = answers.map((answer) => ('error' in answer ? answer.error.json.data.code : 'OK'));
  const tally = (code: string) => codes.filter((c) => c === code).length;
  return { response, codes, answers, ok: tally('OK'), refused: tally('TOO_MANY_REQUESTS') };
}

function expectRetryAfter(response: Response) {
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 600, String(retryAfter)).toBe(true);
}

/** A customer's session accepted by a mechanic, through nginx: its room is open. */
async function openRoom() {
  const customer = await t.customer();
  const mechanic = await t.mechanic();
  const started = await customer.client.intake.startSession.mutate(intake());
  if (started.kind !== 'session') throw new Error('expected a session');
  const sessionId = started.session.id;
  const { entries } = await mechanic.client.mechanic.queue.query();
  const entry = entries.find((e) => e.sessionId === sessionId)!;
  await mechanic.client.mechanic.accept.mutate({ assignmentId: entry.assignmentId });
  const [first] = await t.database.sql<{ id: string }[]>`
    SELECT min(id)::text AS id FROM room_entries WHERE session_id = ${sessionId}`;
  return { customer, mechanic, sessionId, firstEntryId: first!.id };
}

describeWithNginx('rate limits of every mutation, behind nginx', () => {
  it('room.send, room.typing and room.markRead: each call of a batch counts (in the instance it reaches)', async () => {
    const { customer, sessionId, firstEntryId } = await openRoom();
    const sends = Array.from({ length: 8 }, (_, i) => ({
      sessionId,
      clientMessageId: randomUUID(),
      body: `Message ${i}`,
    }));
    const sent = await batch(customer, 'room.send', sends);
    expect([sent.ok, sent.refused]).toEqual([3, 5]);
    expectRetryAfter(sent.response);
    const refusal = sent.answers.find((answer) => 'error' in answer) as Extract<
      BatchAnswer,
      { error: unknown }
    >;
    expect(refusal.error.json.message).toBe('Too many messages: at most 3 in 10 min');
    const [stored] = await t.database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM room_entries WHERE session_id = ${sessionId} AND kind = 'message'`;
    expect(stored!.n).toBe(3);

    const typing = await batch(customer, 'room.typing', Array(5).fill({ sessionId }));
    expect([typing.ok, typing.refused]).toEqual([2, 3]);
    const read = await batch(customer, 'room.markRead', Array(5).fill({ sessionId, upToId: firstEntryId }));
    expect([read.ok, read.refused]).toEqual([2, 3]);
  });

  it('cheap calls are counted by each instance on its own (no database round trip)', async () => {
    const { mechanic, sessionId } = await openRoom();
    for (const instance of t.cluster.instances) {
      const typing = await batch(mechanic, 'room.typing', Array(3).fill({ sessionId }), instance.url);
      expect(typing.codes).toEqual(['OK', 'OK', 'TOO_MANY_REQUESTS']);
    }
  });

  it('customer.buyCredits: counted in PostgreSQL across instances, each call of a batch too; nothing opened over the limit', async () => {
    const customer = await t.customer();
    const [first, second] = t.cluster.instances;
    for (const [instance, packId] of [
      [first!, 'credits_3'],
      [second!, 'credits_5'],
    ] as const) {
      await createApiClient(instance.url, customer.cookie).customer.buyCredits.mutate({ packId });
    }
    const refused = await batch(customer, 'customer.buyCredits', [
      { packId: 'credits_10' },
      { packId: 'credits_3' },
    ]);
    expect(refused.codes).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expectRetryAfter(refused.response);
    const one = await batch(customer, 'customer.buyCredits', [{ packId: 'credits_10' }]);
    expect(one.response.status).toBe(429);
    expect((one.answers[0] as Extract<BatchAnswer, { error: unknown }>).error.json.message).toBe(
      'Too many credit purchases started: at most 2 in 10 min',
    );
    const [purchases] = await t.database.db
      .select({ n: count() })
      .from(creditPurchases)
      .where(eq(creditPurchases.customerUserId, customer.userId));
    expect(purchases!.n).toBe(2);
  });
});
