import { sessionAssignments, sessions } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../../testing/accounts.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { summary, intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

async function queuedSession(overrides: Record<string, unknown> = {}) {
  const customer = await t.customer();
  const result = await customer.client.intake.startSession.mutate(intake(overrides));
  if (result.kind !== 'session') throw new Error('expected a session');
  const [assignment] = await t.database.db
    .select()
    .from(sessionAssignments)
    .where(eq(sessionAssignments.sessionId, result.session.id));
  return { customer, session: result.session, assignmentId: assignment!.id };
}

async function acceptedBy(mechanic: TestUser) {
  const queued = await queuedSession();
  await mechanic.client.mechanic.accept.mutate({ assignmentId: queued.assignmentId });
  return queued;
}

describe('mechanic.queue', () => {
  it('lists queued sessions oldest first with their waiting time, and no scheduled or taken ones', async () => {
    const older = await queuedSession();
    const newer = await queuedSession();
    await t.database.db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '10 minutes'` })
      .where(eq(sessions.id, older.session.id));
    const scheduled = await queuedSession({ scheduledFor: new Date(Date.now() + 3600_000) });
    const taken = await acceptedBy(await t.mechanic());

    const mechanic = await t.mechanic();
    const { entries } = await mechanic.client.mechanic.queue.query();
    const ids = entries.map((entry) => entry.sessionId);
    expect(ids.indexOf(older.session.id)).toBeLessThan(ids.indexOf(newer.session.id));
    expect(ids).not.toContain(scheduled.session.id);
    expect(ids).not.toContain(taken.session.id);
    const olderEntry = entries.find((entry) => entry.sessionId === older.session.id)!;
    expect(olderEntry.waitingSeconds).toBeGreaterThanOrEqual(599);
    expect(olderEntry).toMatchObject({
      assignmentId: older.assignmentId,
      sessionType: 'free',
      concern: intake().concern,
    });
    expect(JSON.stringify(entries)).not.toContain(older.customer.userId);
  });

  it('is for mechanics only', async () => {
    await expectTRPCError(t.anonymous.mechanic.queue.query(), 'UNAUTHORIZED');
    await expectTRPCError((await t.customer()).client.mechanic.queue.query(), 'FORBIDDEN');
  });
});

describe('mechanic.accept', () => {
  it('takes a queued session: waiting, the mechanic’s active session, out of the queue', async () => {
    const mechanic = await t.mechanic();
    const queued = await queuedSession();
    const session = await mechanic.client.mechanic.accept.mutate({ assignmentId: queued.assignmentId });
    expect(session).toMatchObject({ id: queued.session.id, status: 'waiting' });
    const [assignment] = await t.database.db
      .select()
      .from(sessionAssignments)
      .where(eq(sessionAssignments.id, queued.assignmentId));
    expect(assignment).toMatchObject({ status: 'accepted', mechanicUserId: mechanic.userId });
    expect(await mechanic.client.mechanic.activeSession.query()).toMatchObject({ id: queued.session.id });
    expect(await queued.customer.client.customer.activeSession.query()).toMatchObject({ status: 'waiting' });
    const { entries } = await mechanic.client.mechanic.queue.query();
    expect(entries.map((entry) => entry.sessionId)).not.toContain(queued.session.id);
  });

  it('lets exactly one of many racing mechanics win; the others get CONFLICT', async () => {
    const queued = await queuedSession();
    const mechanics = await Promise.all(Array.from({ length: 8 }, () => t.mechanic()));
    const results = await Promise.allSettled(
      mechanics.map((m) => m.client.mechanic.accept.mutate({ assignmentId: queued.assignmentId })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      await expectTRPCError(Promise.reject(result.reason as Error), 'CONFLICT', {
        appCode: 'ASSIGNMENT_UNAVAILABLE',
      });
    }
  });

  it('answers CONFLICT when the mechanic is busy, NOT_FOUND for no assignment, and changes nothing', async () => {
    const mechanic = await t.mechanic();
    const mine = await acceptedBy(mechanic);
    const another = await queuedSession();
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(
      mechanic.client.mechanic.accept.mutate({ assignmentId: another.assignmentId }),
      'CONFLICT',
      {
        appCode: 'MECHANIC_BUSY',
        activeSessionId: mine.session.id,
      },
    );
    await expectTRPCError(
      mechanic.client.mechanic.accept.mutate({ assignmentId: randomUUID() }),
      'NOT_FOUND',
    );
    await expectTRPCError(mechanic.client.mechanic.accept.mutate({ assignmentId: 'x' }), 'BAD_REQUEST');
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });
});

describe('mechanic.startSession and endSession', () => {
  it('moves an accepted session waiting → live → ended', async () => {
    const mechanic = await t.mechanic();
    const { session } = await acceptedBy(mechanic);
    expect(await mechanic.client.mechanic.startSession.mutate({ sessionId: session.id })).toMatchObject({
      status: 'live',
    });
    expect(
      await mechanic.client.mechanic.endSession.mutate({ sessionId: session.id, summary: summary() }),
    ).toMatchObject({
      status: 'ended',
    });
    expect(await mechanic.client.mechanic.activeSession.query()).toBeNull();
    // Over, but still theirs to look at.
    expect(await mechanic.client.mechanic.session.query({ sessionId: session.id })).toMatchObject({
      status: 'ended',
    });
  });

  it('answers FORBIDDEN for a session another mechanic accepted, CONFLICT for a wrong move', async () => {
    const mechanic = await t.mechanic();
    const other = await t.mechanic();
    const { session } = await acceptedBy(mechanic);
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(other.client.mechanic.startSession.mutate({ sessionId: session.id }), 'FORBIDDEN');
    await expectTRPCError(other.client.mechanic.session.query({ sessionId: session.id }), 'FORBIDDEN');
    await expectTRPCError(
      mechanic.client.mechanic.endSession.mutate({ sessionId: session.id, summary: summary() }),
      'CONFLICT',
      {
        appCode: 'ILLEGAL_TRANSITION',
      },
    );
    await expectTRPCError(
      mechanic.client.mechanic.startSession.mutate({ sessionId: randomUUID() }),
      'NOT_FOUND',
    );
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('answers FORBIDDEN for a queued session nobody accepted', async () => {
    const mechanic = await t.mechanic();
    const { session } = await queuedSession();
    await expectTRPCError(mechanic.client.mechanic.session.query({ sessionId: session.id }), 'FORBIDDEN');
  });
});
