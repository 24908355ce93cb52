import {
  authAccounts,
  authSessions,
  creditLedger,
  mailOutbox,
  notificationOptOuts,
  photoBlobs,
  roomEntries,
  roomPhotos,
  sessionAssignments,
  sessions,
  users,
} from '@autodoctor/db';
import { and, eq } from '@autodoctor/db/orm';
import { grantCredits } from '@autodoctor/session-core';
import type { PhotoRef } from '@autodoctor/session-core';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestUser } from '../../testing/accounts.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake, summary } from '../../testing/fixtures.ts';
import { smallImage } from '../../testing/images.ts';
import { useTestApi } from '../../testing/test-api.ts';

const t = useTestApi();
const db = () => t.database.db;
const VIN = '1HGCM82633A004352';

async function uploadPhoto(user: TestUser, target: { sessionId: string } | 'intake'): Promise<PhotoRef> {
  const query = target === 'intake' ? 'for=intake' : `sessionId=${target.sessionId}`;
  const response = await fetch(`${t.api.url}/api/photos?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', cookie: user.cookie },
    body: await smallImage('png'),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as PhotoRef;
}

async function assignmentOf(sessionId: string) {
  const [assignment] = await db()
    .select()
    .from(sessionAssignments)
    .where(eq(sessionAssignments.sessionId, sessionId));
  return assignment!.id;
}

const signIn = (email: string) =>
  fetch(`${t.api.url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.api.url },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });

/**
 * A customer with something of everything: an ended session with a VIN, intake and room photos
 * and messages (with mechanic X), and a second session accepted by X and waiting to start.
 */
async function customerWithHistory() {
  const customer = await t.customer(`Delia Deleteme ${randomUUID().slice(0, 6)}`);
  const mechanic = await t.mechanic('Xavier Keeps');
  const intakePhoto = await uploadPhoto(customer, 'intake');
  const first = await customer.client.intake.startSession.mutate(
    intake({ vehicle: { year: 2003, make: 'Honda', model: 'Accord', vin: VIN }, photoIds: [intakePhoto.id] }),
  );
  if (first.kind !== 'session') throw new Error('expected a session');
  const ended = first.session.id;
  await mechanic.client.mechanic.accept.mutate({ assignmentId: await assignmentOf(ended) });
  await mechanic.client.mechanic.startSession.mutate({ sessionId: ended });
  const roomPhoto = await uploadPhoto(customer, { sessionId: ended });
  await customer.client.room.send.mutate({
    sessionId: ended,
    clientMessageId: randomUUID(),
    body: 'My address is 1 Private Street',
    photoIds: [roomPhoto.id],
  });
  await mechanic.client.room.send.mutate({
    sessionId: ended,
    clientMessageId: randomUUID(),
    body: 'Thanks!',
  });
  await mechanic.client.mechanic.endSession.mutate({ sessionId: ended, summary: summary() });

  await grantCredits(db(), customer.userId, 1);
  const second = await customer.client.intake.startSession.mutate(intake({ type: 'credit' }));
  if (second.kind !== 'session') throw new Error('expected a session');
  return { customer, mechanic, ended, active: second.session.id };
}

describe('account.deleteAccount', () => {
  it('refuses a wrong password (INVALID_PASSWORD), changing nothing', async () => {
    const customer = await t.customer();
    const before = await dbSnapshot(db());
    await expectTRPCError(
      customer.client.account.deleteAccount.mutate({ password: 'not my password' }),
      'FORBIDDEN',
      { appCode: 'INVALID_PASSWORD' },
    );
    expect(await dbSnapshot(db())).toEqual(before);
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 0 });
  });

  it('is for customers: a mechanic is FORBIDDEN', async () => {
    const mechanic = await t.mechanic();
    await expectTRPCError(
      mechanic.client.account.deleteAccount.mutate({ password: TEST_PASSWORD }),
      'FORBIDDEN',
    );
    expect((await signIn(mechanic.email)).status).toBe(200);
  });

  it('cancels the active session (credit back: no mechanic had it), erases the personal data, keeps the sessions anonymised, signs out everywhere', async () => {
    const { customer, mechanic, ended, active } = await customerWithHistory();
    const bystander = await customerWithHistory();
    const bystanderBefore = await db().select().from(users).where(eq(users.id, bystander.customer.userId));
    const secondSignIn = await signIn(customer.email);
    expect(secondSignIn.status).toBe(200);
    await db()
      .insert(notificationOptOuts)
      .values({ userId: customer.userId, channel: 'email', kind: 'session_live' });

    const result = await customer.client.account.deleteAccount.mutate({ password: TEST_PASSWORD });
    expect(result).toEqual({ deleted: true, sessionCancelled: true });

    // The active session: cancelled, its credit back through the ledger.
    const [cancelled] = await db().select().from(sessions).where(eq(sessions.id, active));
    expect(cancelled!.status).toBe('cancelled');
    const ledger = await db()
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.customerUserId, customer.userId));
    expect(ledger.map((line) => line.delta).sort()).toEqual([-1, 1, 1]);

    // The person: gone.
    const [user] = await db().select().from(users).where(eq(users.id, customer.userId));
    expect(user).toMatchObject({
      name: 'Deleted customer',
      email: `deleted-${customer.userId}@deleted.invalid`,
      emailVerified: false,
      image: null,
    });
    expect(user!.deletedAt).toBeInstanceOf(Date);
    expect(await db().select().from(authAccounts).where(eq(authAccounts.userId, customer.userId))).toEqual(
      [],
    );
    expect(await db().select().from(authSessions).where(eq(authSessions.userId, customer.userId))).toEqual(
      [],
    );
    expect(
      await db().select().from(notificationOptOuts).where(eq(notificationOptOuts.userId, customer.userId)),
    ).toEqual([]);
    expect(
      await db()
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.userId, customer.userId), eq(mailOutbox.status, 'pending'))),
    ).toEqual([]);
    expect(
      await db().select().from(roomPhotos).where(eq(roomPhotos.uploaderUserId, customer.userId)),
    ).toEqual([]);
    const messages = await db()
      .select({ body: roomEntries.body, author: roomEntries.authorUserId })
      .from(roomEntries)
      .where(and(eq(roomEntries.sessionId, ended), eq(roomEntries.kind, 'message')));
    expect(messages).toEqual([
      { body: '(removed)', author: customer.userId },
      { body: 'Thanks!', author: mechanic.userId },
    ]);
    const [endedRow] = await db().select().from(sessions).where(eq(sessions.id, ended));
    expect(endedRow).toMatchObject({
      status: 'ended',
      vehicleVin: null,
      vehicleMake: 'Honda',
      vehicleYear: 2003,
    });

    // Signed out everywhere at once, and never again.
    await expectTRPCError(customer.client.customer.creditBalance.query(), 'UNAUTHORIZED');
    const otherCookie = secondSignIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const viaOther = await fetch(`${t.api.url}/api/auth/get-session`, { headers: { cookie: otherCookie } });
    expect(await viaOther.json()).toBeNull();
    expect((await signIn(customer.email)).status).toBe(401);
    expect((await signIn(`deleted-${customer.userId}@deleted.invalid`)).status).toBe(401);

    // The mechanic's record stays, anonymised.
    const seen = await mechanic.client.mechanic.session.query({ sessionId: ended });
    expect(seen).toMatchObject({ id: ended, status: 'ended', customerFirstName: 'Deleted' });
    expect(JSON.stringify(seen)).not.toContain(VIN);
    expect(JSON.stringify(seen)).not.toContain('Deleteme');

    // Everyone else: untouched.
    expect(await db().select().from(users).where(eq(users.id, bystander.customer.userId))).toEqual(
      bystanderBefore,
    );
    expect(await bystander.customer.client.customer.activeSession.query()).toMatchObject({
      id: bystander.active,
    });
    const [theirs] = await db().select().from(sessions).where(eq(sessions.id, bystander.ended));
    expect(theirs!.vehicleVin).toBe(VIN);
    expect(
      await db().select().from(roomPhotos).where(eq(roomPhotos.uploaderUserId, bystander.customer.userId)),
    ).toHaveLength(2);
  });

  it("deletes the photos' bytes", async () => {
    const { customer } = await customerWithHistory();
    const keys = await db()
      .select({ key: roomPhotos.storageKey, thumbnail: roomPhotos.thumbnailKey })
      .from(roomPhotos)
      .where(eq(roomPhotos.uploaderUserId, customer.userId));
    expect(keys).toHaveLength(2);
    await customer.client.account.deleteAccount.mutate({ password: TEST_PASSWORD });
    for (const { key, thumbnail } of keys) {
      expect(await db().select().from(photoBlobs).where(eq(photoBlobs.key, key))).toEqual([]);
      expect(await db().select().from(photoBlobs).where(eq(photoBlobs.key, thumbnail))).toEqual([]);
    }
  });

  it('ends a live session first (the usual end: no refund)', async () => {
    const customer = await t.customer();
    const mechanic = await t.mechanic();
    const started = await customer.client.intake.startSession.mutate(intake());
    if (started.kind !== 'session') throw new Error('expected a session');
    await mechanic.client.mechanic.accept.mutate({ assignmentId: await assignmentOf(started.session.id) });
    await mechanic.client.mechanic.startSession.mutate({ sessionId: started.session.id });
    expect(await customer.client.account.deleteAccount.mutate({ password: TEST_PASSWORD })).toEqual({
      deleted: true,
      sessionCancelled: true,
    });
    const [row] = await db().select().from(sessions).where(eq(sessions.id, started.session.id));
    expect(row!.status).toBe('ended');
    // The mechanic is free for the next one.
    expect(await mechanic.client.mechanic.activeSession.query()).toBeNull();
  });
});
