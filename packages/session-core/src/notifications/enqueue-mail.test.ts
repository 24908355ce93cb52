import { mailOutbox, notificationOptOuts, users } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createCustomer } from '../test-fixtures.ts';
import { enqueueMail } from './enqueue-mail.ts';

const database = useTestDatabase();

const accepted = (userId: string, dedupeKey?: string) =>
  ({
    kind: 'session_accepted',
    userId,
    payload: {
      sessionId: '00000000-0000-4000-8000-000000000001',
      vehicleSummary: '2017 Toyota Corolla',
      customerName: 'Alice',
      mechanicName: 'Mike',
    },
    ...(dedupeKey ? { dedupeKey } : {}),
  }) as const;

async function verify(userId: string) {
  await database.db.update(users).set({ emailVerified: true }).where(eq(users.id, userId));
}

const outboxOf = (userId: string) =>
  database.db.select().from(mailOutbox).where(eq(mailOutbox.userId, userId));

describe('enqueueMail', () => {
  it('writes security mail to an unverified address, but no optional mail', async () => {
    const userId = await createCustomer(database.db);
    expect(
      await enqueueMail(database.db, {
        kind: 'verify_email',
        userId,
        payload: { name: 'Alice', url: 'http://app.test/verify?token=x' },
      }),
    ).toBe(true);
    expect(await enqueueMail(database.db, accepted(userId))).toBe(false);
    const rows = await outboxOf(userId);
    expect(rows.map((row) => row.kind)).toEqual(['verify_email']);
    const [user] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(rows[0]).toMatchObject({ toAddress: user!.email, status: 'pending', attempts: 0 });
  });

  it('writes one message per dedupe key', async () => {
    const userId = await createCustomer(database.db);
    await verify(userId);
    expect(await enqueueMail(database.db, accepted(userId, `accepted:${userId}`))).toBe(true);
    expect(await enqueueMail(database.db, accepted(userId, `accepted:${userId}`))).toBe(false);
    expect(await outboxOf(userId)).toHaveLength(1);
  });

  it('respects an opt-out of an optional kind, and never writes to a deleted account', async () => {
    const userId = await createCustomer(database.db);
    await verify(userId);
    await database.db
      .insert(notificationOptOuts)
      .values({ userId, channel: 'email', kind: 'session_accepted' });
    expect(await enqueueMail(database.db, accepted(userId))).toBe(false);

    const other = await createCustomer(database.db);
    await verify(other);
    await database.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, other));
    expect(
      await enqueueMail(database.db, {
        kind: 'reset_password',
        userId: other,
        payload: { name: 'x', url: 'http://app.test/reset?token=x' },
      }),
    ).toBe(false);
  });

  it('sends to the given address when there is one (a new email to verify)', async () => {
    const userId = await createCustomer(database.db);
    await enqueueMail(database.db, {
      kind: 'change_email',
      userId,
      toAddress: 'new@example.test',
      payload: { name: 'Alice', newEmail: 'new@example.test', url: 'http://app.test/verify?token=y' },
    });
    const [row] = await outboxOf(userId);
    expect(row?.toAddress).toBe('new@example.test');
  });
});
