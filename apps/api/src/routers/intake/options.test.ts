import { sessions } from '@autodoctor/db';
import { and, eq } from '@autodoctor/db/orm';
import { grantCredits } from '@autodoctor/session-core';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../../testing/accounts.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { summary, intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

async function startFree(customer: TestUser) {
  const result = await customer.client.intake.startSession.mutate(intake());
  if (result.kind !== 'session') throw new Error('expected a session');
  return result.session;
}

/** A free session taken by a mechanic and ended: the free session is used up. */
async function useFreeSession(customer: TestUser) {
  const session = await startFree(customer);
  const mechanic = await t.mechanic();
  const { entries } = await mechanic.client.mechanic.queue.query();
  await mechanic.client.mechanic.accept.mutate({
    assignmentId: entries.find((e) => e.sessionId === session.id)!.assignmentId,
  });
  await mechanic.client.mechanic.startSession.mutate({ sessionId: session.id });
  await mechanic.client.mechanic.endSession.mutate({ sessionId: session.id, summary: summary() });
}

const freeSessionsOf = async (customer: TestUser) =>
  t.database.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.customerUserId, customer.userId), eq(sessions.type, 'free')));

describe('intake.options', () => {
  it('offers the free session until a mechanic took one, and reports the credits', async () => {
    const customer = await t.customer();
    expect(await customer.client.intake.options.query()).toEqual({
      freeSessionAvailable: true,
      credits: 0,
      mechanicsOnline: 0,
    });
    await grantCredits(t.database.db, customer.userId, 2);
    await useFreeSession(customer);
    expect(await customer.client.intake.options.query()).toEqual({
      freeSessionAvailable: false,
      credits: 2,
      mechanicsOnline: 0,
    });
  });

  it('is for customers only', async () => {
    await expectTRPCError(t.anonymous.intake.options.query(), 'UNAUTHORIZED');
    await expectTRPCError((await t.mechanic()).client.intake.options.query(), 'FORBIDDEN');
  });
});

describe('one free session per customer', () => {
  it('refuses a second free session with CONFLICT (FREE_SESSION_USED) and writes nothing', async () => {
    const customer = await t.customer();
    await grantCredits(t.database.db, customer.userId, 1);
    await useFreeSession(customer);
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(customer.client.intake.startSession.mutate(intake()), 'CONFLICT', {
      appCode: 'FREE_SESSION_USED',
    });
    expect(await dbSnapshot(t.database.db)).toEqual(before);
    // A credit session is still possible.
    const credit = await customer.client.intake.startSession.mutate(intake({ type: 'credit' }));
    expect(credit).toMatchObject({ kind: 'session', session: { type: 'credit' } });
  });

  it('gives it back when cancelled before any mechanic accepted it: of 10 parallel free intakes exactly one succeeds', async () => {
    const customer = await t.customer();
    const first = await startFree(customer);
    await customer.client.customer.cancelSession.mutate({ sessionId: first.id });
    expect(await customer.client.intake.options.query()).toMatchObject({ freeSessionAvailable: true });

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => customer.client.intake.startSession.mutate(intake())),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await freeSessionsOf(customer)).toHaveLength(2);

    // Once that one is taken, none of 10 parallel tries gets through, even after it is cancelled.
    const second = results.find((r) => r.status === 'fulfilled')!.value;
    if (second.kind !== 'session') throw new Error('expected a session');
    const mechanic = await t.mechanic();
    const { entries } = await mechanic.client.mechanic.queue.query();
    await mechanic.client.mechanic.accept.mutate({
      assignmentId: entries.find((e) => e.sessionId === second.session.id)!.assignmentId,
    });
    await customer.client.customer.cancelSession.mutate({ sessionId: second.session.id });
    const again = await Promise.allSettled(
      Array.from({ length: 10 }, () => customer.client.intake.startSession.mutate(intake())),
    );
    expect(again.every((r) => r.status === 'rejected')).toBe(true);
    for (const r of again) {
      if (r.status === 'rejected') {
        expect((r.reason as { data?: { appCode?: string } }).data?.appCode).toBe('FREE_SESSION_USED');
      }
    }
    expect(await freeSessionsOf(customer)).toHaveLength(2);
  });
});
