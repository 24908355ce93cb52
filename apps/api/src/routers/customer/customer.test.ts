import { sessionAssignments } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { grantCredits } from '@autodoctor/session-core';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../../testing/accounts.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

async function startFree(customer: TestUser, overrides: Record<string, unknown> = {}) {
  const result = await customer.client.intake.startSession.mutate(intake(overrides));
  if (result.kind !== 'session') throw new Error('expected a session');
  return result.session;
}

async function acceptAs(mechanic: TestUser, sessionId: string) {
  const [assignment] = await t.database.db
    .select()
    .from(sessionAssignments)
    .where(eq(sessionAssignments.sessionId, sessionId));
  return mechanic.client.mechanic.accept.mutate({ assignmentId: assignment!.id });
}

/** Ends a customer's session so they may start another one. */
async function finish(customer: TestUser, sessionId: string) {
  await customer.client.customer.cancelSession.mutate({ sessionId });
}

describe('customer.activeSession', () => {
  it('is null, then the active session, then null again once it is over', async () => {
    const customer = await t.customer();
    expect(await customer.client.customer.activeSession.query()).toBeNull();
    const session = await startFree(customer);
    expect(await customer.client.customer.activeSession.query()).toMatchObject({
      id: session.id,
      status: 'pending',
    });
    await finish(customer, session.id);
    expect(await customer.client.customer.activeSession.query()).toBeNull();
  });
});

describe('customer.session', () => {
  it("returns the customer's own session", async () => {
    const customer = await t.customer();
    const session = await startFree(customer);
    // The intake's view, and the rating the customer gave (none yet).
    expect(await customer.client.customer.session.query({ sessionId: session.id })).toEqual({
      ...session,
      rating: null,
    });
  });

  it('answers FORBIDDEN for somebody else’s session, NOT_FOUND for none, BAD_REQUEST for a non-id', async () => {
    const owner = await t.customer();
    const other = await t.customer();
    const session = await startFree(owner);
    await expectTRPCError(other.client.customer.session.query({ sessionId: session.id }), 'FORBIDDEN');
    await expectTRPCError(other.client.customer.session.query({ sessionId: randomUUID() }), 'NOT_FOUND');
    await expectTRPCError(other.client.customer.session.query({ sessionId: 'nope' }), 'BAD_REQUEST');
  });
});

describe('customer.history', () => {
  it('pages through the customer’s sessions, newest first', async () => {
    const customer = await t.customer();
    const made = [];
    for (let i = 0; i < 5; i++) {
      const session = await startFree(customer, { concern: `Problem number ${i} with the brakes` });
      await finish(customer, session.id);
      made.push(session.id);
    }
    // Another customer's sessions never show.
    await startFree(await t.customer());

    const first = await customer.client.customer.history.query({ limit: 2 });
    const second = await customer.client.customer.history.query({ limit: 2, cursor: first.nextCursor });
    const third = await customer.client.customer.history.query({ limit: 2, cursor: second.nextCursor });
    expect([...first.items, ...second.items, ...third.items].map((s) => s.id)).toEqual(made.reverse());
    expect(third.nextCursor).toBeNull();
  });

  it('answers BAD_REQUEST for a cursor it did not make, or a bad limit', async () => {
    const customer = await t.customer();
    await expectTRPCError(
      customer.client.customer.history.query({ limit: 2, cursor: 'garbage' }),
      'BAD_REQUEST',
      {
        appCode: 'INVALID_SESSION_INPUT',
      },
    );
    await expectTRPCError(customer.client.customer.history.query({ limit: 0 }), 'BAD_REQUEST');
    await expectTRPCError(customer.client.customer.history.query({ limit: 51 }), 'BAD_REQUEST');
  });
});

describe('customer.creditBalance', () => {
  it('reports the balance, before and after a credit session', async () => {
    const customer = await t.customer();
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 0 });
    await grantCredits(t.database.db, customer.userId, 3);
    await customer.client.intake.startSession.mutate(intake({ type: 'credit' }));
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 2 });
  });
});

describe('customer.cancelSession', () => {
  it('cancels a pending credit session and returns its credit', async () => {
    const customer = await t.customer();
    await grantCredits(t.database.db, customer.userId, 1);
    const result = await customer.client.intake.startSession.mutate(intake({ type: 'credit' }));
    if (result.kind !== 'session') throw new Error('expected a session');
    const cancelled = await customer.client.customer.cancelSession.mutate({ sessionId: result.session.id });
    expect(cancelled).toMatchObject({ session: { status: 'cancelled' }, creditsRefunded: 1 });
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 1 });
  });

  it('answers CONFLICT for a live or finished session, FORBIDDEN for another’s, and changes nothing', async () => {
    const customer = await t.customer();
    const session = await startFree(customer);
    const mechanic = await t.mechanic();
    await acceptAs(mechanic, session.id);
    await mechanic.client.mechanic.startSession.mutate({ sessionId: session.id });
    const stranger = await t.customer();
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(
      customer.client.customer.cancelSession.mutate({ sessionId: session.id }),
      'CONFLICT',
      {
        appCode: 'ILLEGAL_TRANSITION',
      },
    );
    await expectTRPCError(
      stranger.client.customer.cancelSession.mutate({ sessionId: session.id }),
      'FORBIDDEN',
    );
    await expectTRPCError(
      stranger.client.customer.cancelSession.mutate({ sessionId: randomUUID() }),
      'NOT_FOUND',
    );
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });
});

describe('customer.endSession', () => {
  it('ends a live session', async () => {
    const customer = await t.customer();
    const session = await startFree(customer);
    const mechanic = await t.mechanic();
    await acceptAs(mechanic, session.id);
    await mechanic.client.mechanic.startSession.mutate({ sessionId: session.id });
    const ended = await customer.client.customer.endSession.mutate({ sessionId: session.id });
    expect(ended).toMatchObject({ status: 'ended' });
    expect(ended.endedAt).toBeInstanceOf(Date);
    // The mechanic is free again.
    expect(await mechanic.client.mechanic.activeSession.query()).toBeNull();
  });

  it('answers CONFLICT for a session that is not live, and changes nothing', async () => {
    const customer = await t.customer();
    const session = await startFree(customer);
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(customer.client.customer.endSession.mutate({ sessionId: session.id }), 'CONFLICT');
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('is for customers only', async () => {
    await expectTRPCError(
      t.anonymous.customer.endSession.mutate({ sessionId: randomUUID() }),
      'UNAUTHORIZED',
    );
    const mechanic = await t.mechanic();
    await expectTRPCError(
      mechanic.client.customer.endSession.mutate({ sessionId: randomUUID() }),
      'FORBIDDEN',
    );
  });
});
