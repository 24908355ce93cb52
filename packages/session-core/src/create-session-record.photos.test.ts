import { roomPhotos, sessions, type Database } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { asc, count, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from './create-session-record.ts';
import { IntakePhotosNotAvailableError, InvalidSessionInputError } from './errors.ts';
import { getParticipantSession } from './queries/participant-sessions.ts';
import { toSessionView } from './queries/session-view.ts';
import { ROOM_LIMITS } from './rules/room.ts';
import { createCustomer, sessionInput } from './test-fixtures.ts';

const database = useTestDatabase();
const db = () => database.db;

/** An uploaded photo's row, as the API writes it (its bytes are not needed here). */
async function uploadedPhoto(database: Database, uploaderUserId: string, width = 800): Promise<string> {
  const id = randomUUID();
  await database.insert(roomPhotos).values({
    id,
    uploaderUserId,
    contentType: 'image/jpeg',
    width,
    height: 600,
    byteSize: 1234,
    storageKey: `photos/${id}/full`,
    thumbnailKey: `photos/${id}/thumbnail`,
  });
  return id;
}

const photoRows = (customerUserId: string) =>
  db()
    .select({ id: roomPhotos.id, sessionId: roomPhotos.sessionId, fromIntake: roomPhotos.fromIntake })
    .from(roomPhotos)
    .where(eq(roomPhotos.uploaderUserId, customerUserId))
    .orderBy(asc(roomPhotos.createdAt), asc(roomPhotos.id));

const sessionCount = async (customerUserId: string) =>
  (await db().select({ n: count() }).from(sessions).where(eq(sessions.customerUserId, customerUserId)))[0]!.n;

describe('createSessionRecord with intake photos', () => {
  it.each(['free', 'credit', 'paid'] as const)(
    'attaches the customer’s uploads to a new %s session in its transaction',
    async (type) => {
      const customer = await createCustomer(db(), 1);
      const first = await uploadedPhoto(db(), customer, 1000);
      const second = await uploadedPhoto(db(), customer, 500);
      const created = await createSessionRecord(db(), {
        ...sessionInput(type, customer),
        photoIds: [second, first],
      });
      expect(created.intakePhotos).toEqual([
        { id: first, width: 1000, height: 600 },
        { id: second, width: 500, height: 600 },
      ]);
      expect(await photoRows(customer)).toEqual([
        { id: first, sessionId: created.session.id, fromIntake: true },
        { id: second, sessionId: created.session.id, fromIntake: true },
      ]);
      // The participants' reads and views carry them, in the same order.
      const read = await getParticipantSession(db(), created.session.id, {
        userId: customer,
        role: 'customer',
      });
      expect(toSessionView(read).intakePhotos).toEqual([
        {
          id: first,
          width: 1000,
          height: 600,
          url: `/api/photos/${first}`,
          thumbnailUrl: `/api/photos/${first}/thumbnail`,
        },
        {
          id: second,
          width: 500,
          height: 600,
          url: `/api/photos/${second}`,
          thumbnailUrl: `/api/photos/${second}/thumbnail`,
        },
      ]);
    },
  );

  it('refuses another customer’s photo, one attached already and an unknown id: nothing is written', async () => {
    const customer = await createCustomer(db());
    const other = await createCustomer(db());
    const mine = await uploadedPhoto(db(), customer);
    const theirs = await uploadedPhoto(db(), other);
    for (const foreign of [theirs, randomUUID()]) {
      const attempt = createSessionRecord(db(), {
        ...sessionInput('free', customer),
        photoIds: [mine, foreign],
      });
      await expect(attempt).rejects.toBeInstanceOf(IntakePhotosNotAvailableError);
      await expect(attempt).rejects.toMatchObject({
        photoIds: [foreign],
        code: 'INTAKE_PHOTOS_NOT_AVAILABLE',
      });
      expect(await sessionCount(customer)).toBe(0);
      expect(await photoRows(customer)).toEqual([{ id: mine, sessionId: null, fromIntake: false }]);
      expect(await photoRows(other)).toEqual([{ id: theirs, sessionId: null, fromIntake: false }]);
    }

    // Once attached to a session (ended since), the same photo cannot join another one.
    const { session } = await createSessionRecord(db(), {
      ...sessionInput('free', customer),
      photoIds: [mine],
    });
    await db().update(sessions).set({ status: 'cancelled' }).where(eq(sessions.id, session.id));
    await expect(
      createSessionRecord(db(), { ...sessionInput('free', customer), photoIds: [mine] }),
    ).rejects.toBeInstanceOf(IntakePhotosNotAvailableError);
    expect(await sessionCount(customer)).toBe(1);
  });

  it('takes at most ROOM_LIMITS.intakePhotosMax photos, each once', async () => {
    const customer = await createCustomer(db());
    const ids = Array.from({ length: ROOM_LIMITS.intakePhotosMax + 1 }, () => randomUUID());
    await expect(
      createSessionRecord(db(), { ...sessionInput('free', customer), photoIds: ids }),
    ).rejects.toBeInstanceOf(InvalidSessionInputError);
    const id = randomUUID();
    await expect(
      createSessionRecord(db(), { ...sessionInput('free', customer), photoIds: [id, id] }),
    ).rejects.toBeInstanceOf(InvalidSessionInputError);
  });
});
