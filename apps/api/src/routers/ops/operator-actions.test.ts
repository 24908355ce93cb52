import { sessionAssignments } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestUser } from '../../testing/accounts.ts';
import { createApiClient } from '../../testing/api-client.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { FeedRecorder } from '../../testing/feed-recorder.ts';
import { intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

async function acceptedBy(mechanic: TestUser) {
  const customer = await t.customer();
  const result = await customer.client.intake.startSession.mutate(intake());
  if (result.kind !== 'session') throw new Error('expected a session');
  const [assignment] = await t.database.db
    .select()
    .from(sessionAssignments)
    .where(eq(sessionAssignments.sessionId, result.session.id));
  await mechanic.client.mechanic.accept.mutate({ assignmentId: assignment!.id });
  return { customer, sessionId: result.session.id, assignmentId: assignment!.id };
}

const signInAs = (email: string) =>
  fetch(`${t.api.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.api.url, 'x-autodoctor-app': 'mechanic' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });

describe('ops.disableMechanic / ops.enableMechanic', () => {
  it('signs the mechanic out everywhere (their open feed closes), refuses their sign-in, requeues their session', async () => {
    const operator = await t.operator();
    const mechanic = await t.mechanic();
    const { customer, sessionId, assignmentId } = await acceptedBy(mechanic);
    const feed = new FeedRecorder(mechanic.client.mechanic.queueFeed, {});
    await feed.started();

    const disabled = await operator.client.ops.disableMechanic.mutate({
      mechanicUserId: mechanic.userId,
      reason: 'Complaint from a customer',
    });
    expect(disabled).toEqual({ changed: true, requeuedSessionId: sessionId });
    // The open queue feed is ended, and its reconnect refused: the mechanic is signed out.
    expect((await feed.failure()) as { data?: { code?: string } }).toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    feed.stop();
    await expectTRPCError(mechanic.client.mechanic.queue.query(), 'UNAUTHORIZED');
    const refused = await signInAs(mechanic.email);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect(refused.headers.getSetCookie()).toEqual([]);

    expect(await customer.client.customer.activeSession.query()).toMatchObject({
      id: sessionId,
      status: 'pending',
    });
    const roster = await operator.client.ops.mechanics.query();
    expect(roster.find((entry) => entry.id === mechanic.userId)).toMatchObject({ status: 'disabled' });
    const view = await operator.client.ops.session.query({ sessionId });
    expect(view.events.at(-1)).toMatchObject({ type: 'entered_queue' });

    // Another mechanic takes it.
    const other = await t.mechanic();
    await other.client.mechanic.accept.mutate({ assignmentId });

    expect(
      await operator.client.ops.enableMechanic.mutate({ mechanicUserId: mechanic.userId, reason: 'Cleared' }),
    ).toEqual({ changed: true });
    const signedIn = await signInAs(mechanic.email);
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const again = createApiClient(t.api.url, cookie, { 'x-autodoctor-app': 'mechanic' });
    await again.mechanic.queue.query();
  });

  it('refuses a customer named as the mechanic, and a reason too short', async () => {
    const operator = await t.operator();
    const customer = await t.customer();
    await expectTRPCError(
      operator.client.ops.disableMechanic.mutate({
        mechanicUserId: customer.userId,
        reason: 'No reason at all',
      }),
      'NOT_FOUND',
      { appCode: 'MECHANIC_NOT_FOUND' },
    );
    const mechanic = await t.mechanic();
    await expectTRPCError(
      operator.client.ops.disableMechanic.mutate({ mechanicUserId: mechanic.userId, reason: 'x' }),
      'BAD_REQUEST',
    );
    await mechanic.client.mechanic.queue.query();
  });
});

describe('ops.requeueSession / ops.cancelSession', () => {
  it('ends the released mechanic’s session and room feeds (their reconnect refused); the customer’s go on', async () => {
    const operator = await t.operator();
    const mechanic = await t.mechanic();
    const { customer, sessionId } = await acceptedBy(mechanic);
    const feeds = [
      new FeedRecorder(mechanic.client.session.feed, { sessionId }),
      new FeedRecorder(mechanic.client.room.feed, { sessionId }),
    ];
    const customerRoom = new FeedRecorder<{ data: { kind: string; event?: string } }>(
      customer.client.room.feed,
      {
        sessionId,
      },
    );
    await Promise.all([...feeds, customerRoom].map((feed) => feed.started()));
    await operator.client.ops.requeueSession.mutate({ sessionId, reason: 'Mechanic unreachable' });
    for (const feed of feeds) {
      const failure = (await feed.failure()) as { data?: { code?: string } };
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(failure.data?.code);
      feed.stop();
    }
    // The room says so, to the customer still in it.
    await customerRoom.find((entry) => entry.data.kind === 'system' && entry.data.event === 'entered_queue');
    expect(customerRoom.error).toBeUndefined();
    customerRoom.stop();
  });

  it('puts a session back in the queue, then cancels it, naming the operator; refuses a requeue of a cancelled session', async () => {
    const operator = await t.operator('Olga Operator');
    const mechanic = await t.mechanic();
    const { customer, sessionId } = await acceptedBy(mechanic);
    const requeued = await operator.client.ops.requeueSession.mutate({
      sessionId,
      reason: 'Mechanic unreachable',
    });
    expect(requeued).toMatchObject({
      session: { status: 'pending' },
      releasedMechanicUserId: mechanic.userId,
    });
    expect(await mechanic.client.mechanic.activeSession.query()).toBeNull();

    const cancelled = await operator.client.ops.cancelSession.mutate({
      sessionId,
      reason: 'Customer called to cancel',
    });
    expect(cancelled).toMatchObject({ session: { status: 'cancelled' }, wasAccepted: false });
    expect(await customer.client.customer.activeSession.query()).toBeNull();

    const view = await operator.client.ops.session.query({ sessionId });
    expect(view.events.slice(-2)).toMatchObject([
      { type: 'entered_queue', reason: 'Mechanic unreachable' },
      { type: 'cancelled', reason: 'Customer called to cancel' },
    ]);
    await expectTRPCError(
      operator.client.ops.requeueSession.mutate({ sessionId, reason: 'Try again' }),
      'CONFLICT',
      { appCode: 'ILLEGAL_TRANSITION' },
    );
    const audit = await t.database.db.execute<{ action: string; operator_user_id: string }>(
      sql`SELECT action, operator_user_id FROM operator_actions WHERE session_id = ${sessionId} ORDER BY id`,
    );
    expect([...audit]).toEqual([
      { action: 'session_requeued', operator_user_id: operator.userId },
      { action: 'session_cancelled', operator_user_id: operator.userId },
    ]);
  });
});
