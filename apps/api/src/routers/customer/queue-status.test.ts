import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../../testing/accounts.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake } from '../../testing/fixtures.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();

async function startFree(customer: TestUser) {
  const result = await customer.client.intake.startSession.mutate(intake());
  if (result.kind !== 'session') throw new Error('expected a session');
  return result.session;
}

describe('customer.queueStatus', () => {
  it("gives the session's place in the queue, which moves up as sessions ahead are taken", async () => {
    const first = await t.customer();
    const second = await t.customer();
    const s1 = await startFree(first);
    const s2 = await startFree(second);
    const before = await dbSnapshot(t.database.db);
    expect(await second.client.customer.queueStatus.query({ sessionId: s2.id })).toMatchObject({
      position: 2,
      estimatedWaitSeconds: null,
      estimateSampleSize: 0,
    });
    expect(await dbSnapshot(t.database.db)).toEqual(before); // a read

    const mechanic = await t.mechanic();
    const { entries } = await mechanic.client.mechanic.queue.query();
    await mechanic.client.mechanic.accept.mutate({
      assignmentId: entries.find((e) => e.sessionId === s1.id)!.assignmentId,
    });
    const status = await second.client.customer.queueStatus.query({ sessionId: s2.id });
    expect(status).toMatchObject({ position: 1, estimateSampleSize: 1, estimatedWaitSeconds: null });
    expect(status.waitingSeconds).toBeGreaterThanOrEqual(0);
    // Taken: out of the queue.
    expect(await first.client.customer.queueStatus.query({ sessionId: s1.id })).toMatchObject({
      position: null,
      waitingSeconds: 0,
      estimatedWaitSeconds: null,
    });
  });

  it("answers FORBIDDEN for somebody else's session, NOT_FOUND for none, BAD_REQUEST for a non-id; customers only", async () => {
    const owner = await t.customer();
    const session = await startFree(owner);
    const other = await t.customer();
    await expectTRPCError(other.client.customer.queueStatus.query({ sessionId: session.id }), 'FORBIDDEN');
    await expectTRPCError(other.client.customer.queueStatus.query({ sessionId: randomUUID() }), 'NOT_FOUND');
    await expectTRPCError(other.client.customer.queueStatus.query({ sessionId: 'nope' }), 'BAD_REQUEST');
    const mechanic = await t.mechanic();
    await expectTRPCError(mechanic.client.customer.queueStatus.query({ sessionId: session.id }), 'FORBIDDEN');
    await expectTRPCError(t.anonymous.customer.queueStatus.query({ sessionId: session.id }), 'UNAUTHORIZED');
  });
});
