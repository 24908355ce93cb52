import { sessionAssignments, sessions } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { NotAParticipantError, SessionNotFoundError } from '../errors.ts';
import { createCustomer, createMechanic, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from '../transitions/accept-assignment.ts';
import { endSession } from '../transitions/end-session.ts';
import { startSession } from '../transitions/start-session.ts';
import { listQueue } from './queue.ts';
import { getQueueStatus } from './queue-status.ts';

const database = useTestDatabase();
const asCustomer = (userId: string) => ({ userId, role: 'customer' as const });

/** A session that entered the queue `seconds` ago. */
async function queuedFor(seconds: number) {
  const customer = await createCustomer(database.db);
  const record = await createSessionRecord(database.db, sessionInput('free', customer));
  await database.db
    .update(sessions)
    .set({ createdAt: sql`now() - make_interval(secs => ${seconds})` })
    .where(eq(sessions.id, record.session.id));
  return { customer, ...record };
}

/** A session that waited `seconds` and was then accepted (and is over, so its mechanic is free). */
async function acceptedAfter(seconds: number, acceptedHoursAgo = 0) {
  const { customer, session, assignment } = await queuedFor(seconds + acceptedHoursAgo * 3600);
  const mechanic = await createMechanic(database.db);
  await acceptAssignment(database.db, { assignmentId: assignment.id, mechanicUserId: mechanic });
  await startSession(database.db, { sessionId: session.id, actorUserId: mechanic });
  await endSession(database.db, { sessionId: session.id, actorUserId: customer });
  if (acceptedHoursAgo > 0) {
    await database.db
      .update(sessionAssignments)
      .set({ acceptedAt: sql`now() - make_interval(hours => ${acceptedHoursAgo})` })
      .where(eq(sessionAssignments.id, assignment.id));
  }
}

describe('getQueueStatus', () => {
  // This file's database is its own: the queue holds only what these tests put in it.
  let queued: Awaited<ReturnType<typeof queuedFor>>[];
  beforeAll(async () => {
    queued = [await queuedFor(300), await queuedFor(200), await queuedFor(100)];
  });

  it('gives each queued session its place as listQueue orders them, and how long it has waited', async () => {
    const order = (await listQueue(database.db)).map((entry) => entry.sessionId);
    for (const { customer, session } of queued) {
      const status = await getQueueStatus(database.db, session.id, asCustomer(customer));
      expect(status.position).toBe(order.indexOf(session.id) + 1);
    }
    const oldest = await getQueueStatus(database.db, queued[0]!.session.id, asCustomer(queued[0]!.customer));
    expect(oldest.position).toBe(1);
    expect(oldest.waitingSeconds).toBeGreaterThanOrEqual(300);
    expect(oldest.waitingSeconds).toBeLessThan(330);
  });

  it('has no estimate with fewer than 3 recent accepts, then the median minus the wait so far', async () => {
    const last = queued[2]!;
    expect(await getQueueStatus(database.db, last.session.id, asCustomer(last.customer))).toMatchObject({
      position: 3,
      estimatedWaitSeconds: null,
      estimateSampleSize: 0,
    });
    await acceptedAfter(600);
    await acceptedAfter(400);
    // An accept older than 24 hours does not count.
    await acceptedAfter(5, 25);
    expect(await getQueueStatus(database.db, last.session.id, asCustomer(last.customer))).toMatchObject({
      estimatedWaitSeconds: null,
      estimateSampleSize: 2,
    });
    await acceptedAfter(1000);
    const status = await getQueueStatus(database.db, last.session.id, asCustomer(last.customer));
    expect(status.estimateSampleSize).toBe(3);
    // Median of 400, 600, 1000 is 600; this one has waited about 100.
    expect(status.estimatedWaitSeconds).toBeGreaterThanOrEqual(480);
    expect(status.estimatedWaitSeconds).toBeLessThanOrEqual(500);
    expect(status.estimatedWaitSeconds! + status.waitingSeconds).toBeGreaterThanOrEqual(599);

    // Waited longer than the median: 0, never below.
    const long = await queuedFor(5000);
    expect(await getQueueStatus(database.db, long.session.id, asCustomer(long.customer))).toMatchObject({
      position: 1,
      estimatedWaitSeconds: 0,
    });
  });

  it('has no position or estimate for a session not in the queue (accepted, scheduled)', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const scheduled = await createSessionRecord(db, {
      ...sessionInput('free', customer),
      scheduledFor: new Date(Date.now() + 86_400_000),
    });
    expect(await getQueueStatus(db, scheduled.session.id, asCustomer(customer))).toMatchObject({
      position: null,
      waitingSeconds: 0,
      estimatedWaitSeconds: null,
    });
  });

  it("throws SessionNotFoundError for no session and NotAParticipantError for somebody else's", async () => {
    const stranger = await createCustomer(database.db);
    await expect(
      getQueueStatus(database.db, queued[0]!.session.id, asCustomer(stranger)),
    ).rejects.toBeInstanceOf(NotAParticipantError);
    await expect(getQueueStatus(database.db, randomUUID(), asCustomer(stranger))).rejects.toBeInstanceOf(
      SessionNotFoundError,
    );
  });
});
