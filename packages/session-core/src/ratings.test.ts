import { sessionRatings, type Database } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from './create-session-record.ts';
import { getEarningsSummary } from './earnings/reads.ts';
import { InvalidSessionInputError, RatingLockedError, RatingNotAllowedError } from './errors.ts';
import { getSessionRatings, listMechanicRatings, rateSession } from './ratings.ts';
import { RATING_CHANGE_DAYS } from './rules/ratings.ts';
import { createCustomer, createMechanic, sessionInput } from './test-fixtures.ts';
import { acceptAssignment } from './transitions/accept-assignment.ts';
import { cancelSession } from './transitions/cancel-session.ts';
import { endSession } from './transitions/end-session.ts';
import { startSession } from './transitions/start-session.ts';

const database = useTestDatabase({ max: 20 });

async function endedSession(db: Database, customer: string, mechanic: string) {
  const { session, assignment } = await createSessionRecord(db, sessionInput('free', customer));
  await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
  await startSession(db, { sessionId: session.id, actorUserId: mechanic });
  await endSession(db, { sessionId: session.id, actorUserId: mechanic });
  return session;
}

/** Moves a rating's first-given time `days` back. */
async function ageRating(sessionId: string, days: number) {
  await database.db
    .update(sessionRatings)
    .set({ createdAt: sql`now() - make_interval(days => ${days})` })
    .where(eq(sessionRatings.sessionId, sessionId));
}

describe('rateSession', () => {
  it('rates an ended session, changes it within 7 days, then locks it', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    const session = await endedSession(db, customer, mechanic);
    const first = await rateSession(db, { customerUserId: customer, sessionId: session.id, stars: 3 });
    expect(first).toMatchObject({
      sessionId: session.id,
      stars: 3,
      comment: '',
      vehicle: { year: 2017, make: 'Toyota', model: 'Corolla' },
    });
    expect(first.changeableUntil.getTime() - first.createdAt.getTime()).toBe(RATING_CHANGE_DAYS * 86_400_000);

    await ageRating(session.id, RATING_CHANGE_DAYS - 1);
    const changed = await rateSession(db, {
      customerUserId: customer,
      sessionId: session.id,
      stars: 5,
      comment: '  Clear and quick ',
    });
    expect(changed).toMatchObject({ stars: 5, comment: 'Clear and quick' });
    expect(changed.updatedAt.getTime()).toBeGreaterThan(changed.createdAt.getTime());

    await ageRating(session.id, RATING_CHANGE_DAYS + 1);
    await expect(
      rateSession(db, { customerUserId: customer, sessionId: session.id, stars: 1 }),
    ).rejects.toBeInstanceOf(RatingLockedError);
    const [kept] = await db.select().from(sessionRatings).where(eq(sessionRatings.sessionId, session.id));
    expect(kept).toMatchObject({ stars: 5, comment: 'Clear and quick', mechanicUserId: mechanic });
  });

  it('refuses another customer’s session, one not ended, one no mechanic took, and bad stars', async () => {
    const { db } = database;
    const [customer, other, mechanic] = await Promise.all([
      createCustomer(db),
      createCustomer(db),
      createMechanic(db),
    ]);
    const ended = await endedSession(db, customer, mechanic);
    await expect(
      rateSession(db, { customerUserId: other, sessionId: ended.id, stars: 4 }),
    ).rejects.toBeInstanceOf(RatingNotAllowedError);

    const { session: live, assignment } = await createSessionRecord(db, sessionInput('paid', other));
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    await startSession(db, { sessionId: live.id, actorUserId: mechanic });
    await expect(
      rateSession(db, { customerUserId: other, sessionId: live.id, stars: 4 }),
    ).rejects.toBeInstanceOf(RatingNotAllowedError);

    const { session: unaccepted } = await createSessionRecord(
      db,
      sessionInput('free', await createCustomer(db)),
    );
    await cancelSession(db, { sessionId: unaccepted.id, actorUserId: unaccepted.customerUserId });
    await expect(
      rateSession(db, { customerUserId: unaccepted.customerUserId, sessionId: unaccepted.id, stars: 4 }),
    ).rejects.toBeInstanceOf(RatingNotAllowedError);
    await expect(
      rateSession(db, { customerUserId: customer, sessionId: 'not-a-uuid', stars: 4 }),
    ).rejects.toBeInstanceOf(RatingNotAllowedError);

    for (const stars of [0, 6, 2.5]) {
      await expect(
        rateSession(db, { customerUserId: customer, sessionId: ended.id, stars }),
      ).rejects.toBeInstanceOf(InvalidSessionInputError);
    }
    await expect(
      rateSession(db, { customerUserId: customer, sessionId: ended.id, stars: 4, comment: 'x'.repeat(1001) }),
    ).rejects.toBeInstanceOf(InvalidSessionInputError);
    await expect(
      rateSession(db, { customerUserId: customer, sessionId: ended.id, stars: 4, comment: 'NUL \u0000' }),
    ).rejects.toBeInstanceOf(InvalidSessionInputError);
    expect(await db.select().from(sessionRatings).where(eq(sessionRatings.mechanicUserId, mechanic))).toEqual(
      [],
    );
  });

  it('concurrent ratings of one session leave one rating', async () => {
    const { db } = database;
    const [customer, mechanic] = await Promise.all([createCustomer(db), createMechanic(db)]);
    const session = await endedSession(db, customer, mechanic);
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((stars) =>
        rateSession(db, { customerUserId: customer, sessionId: session.id, stars }),
      ),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(
      await db.select().from(sessionRatings).where(eq(sessionRatings.sessionId, session.id)),
    ).toHaveLength(1);
  });
});

describe('ratings reads', () => {
  it('lists a mechanic’s ratings newest first, a page at a time, with their average', async () => {
    const { db } = database;
    const mechanic = await createMechanic(db);
    const rated: string[] = [];
    for (const stars of [5, 4, 4]) {
      const customer = await createCustomer(db);
      const session = await endedSession(db, customer, mechanic);
      await rateSession(db, { customerUserId: customer, sessionId: session.id, stars, comment: `${stars}` });
      rated.unshift(session.id);
    }
    const first = await listMechanicRatings(db, mechanic, { limit: 2 });
    expect(first.items.map((rating) => rating.sessionId)).toEqual(rated.slice(0, 2));
    expect(first.items[0]).not.toHaveProperty('customerName');
    const second = await listMechanicRatings(db, mechanic, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((rating) => rating.sessionId)).toEqual(rated.slice(2));
    expect(second.nextCursor).toBeNull();
    await expect(listMechanicRatings(db, mechanic, { limit: 2, cursor: 'WzFd' })).rejects.toBeInstanceOf(
      InvalidSessionInputError,
    );

    expect(await getEarningsSummary(db, mechanic, 'UTC')).toMatchObject({
      ratingAverage: 4.33,
      ratingCount: 3,
    });
  });

  it('gives the customer their own ratings only', async () => {
    const { db } = database;
    const [customer, other, mechanic] = await Promise.all([
      createCustomer(db),
      createCustomer(db),
      createMechanic(db),
    ]);
    const session = await endedSession(db, customer, mechanic);
    await rateSession(db, { customerUserId: customer, sessionId: session.id, stars: 2, comment: 'late' });
    const mine = await getSessionRatings(db, customer, [session.id, 'not-a-uuid']);
    expect(mine.get(session.id)).toMatchObject({ stars: 2, comment: 'late' });
    expect((await getSessionRatings(db, other, [session.id])).size).toBe(0);
  });
});
