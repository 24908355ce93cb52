import { authAccounts, authVerifications, mailOutbox, users } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { AccountExistsError } from '@autodoctor/session-core';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import { useTestApi } from '../testing/test-api.ts';
import { resetTokenOf } from './account-mail.ts';
import { CLIENT_APP_HEADER } from './client-apps.ts';
import { inviteMechanic, MECHANIC_INVITATION_SECONDS } from './invite-mechanic.ts';

const t = useTestApi();
const MECHANIC_APP = 'http://localhost:5174';
const email = () => `invited-${randomUUID()}@test.autodoctor`;

const post = (path: string, body: unknown) =>
  fetch(`${t.api.url}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.api.url, [CLIENT_APP_HEADER]: 'mechanic' },
    body: JSON.stringify(body),
  });

async function invitationLink(userId: string) {
  const rows = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.userId, userId));
  const invitations = rows.filter((row) => row.kind === 'mechanic_invitation');
  return new URL((invitations.at(-1)!.payload as { url: string }).url);
}

describe('inviteMechanic (pnpm mechanic:invite)', () => {
  it('makes a mechanic with no password and emails a 7-day link; following it sets the password and signs in', async () => {
    const address = email();
    const { userId, expiresAt } = await inviteMechanic(
      t.database.db,
      { email: address.toUpperCase(), name: ' Ida Invited ' },
      { mechanicAppUrl: MECHANIC_APP },
    );
    const [user] = await t.database.db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({
      email: address,
      name: 'Ida Invited',
      role: 'mechanic',
      emailVerified: false,
    });
    expect(await t.database.db.select().from(authAccounts).where(eq(authAccounts.userId, userId))).toEqual(
      [],
    );
    expect(Math.abs(expiresAt.getTime() - Date.now() - MECHANIC_INVITATION_SECONDS * 1000)).toBeLessThan(
      60_000,
    );

    const [message] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.userId, userId));
    expect(message).toMatchObject({ kind: 'mechanic_invitation', toAddress: address, status: 'pending' });
    expect(message!.payload).toMatchObject({ name: 'Ida Invited', expiresAt: expiresAt.toISOString() });
    const link = await invitationLink(userId);
    expect(link.origin).toBe(MECHANIC_APP);
    expect(link.searchParams.get('callbackURL')).toBe(`${MECHANIC_APP}/reset-password?invited=1`);
    const token = resetTokenOf(link.href);

    // No password yet: nothing signs in.
    expect((await post('/sign-in/email', { email: address, password: 'any password at all' })).status).toBe(
      401,
    );

    const set = await post('/reset-password', { token, newPassword: 'my own mechanic password' });
    expect(set.status).toBe(200);
    const [login] = await t.database.db.select().from(authAccounts).where(eq(authAccounts.userId, userId));
    expect(login).toMatchObject({ providerId: 'credential', accountId: userId });
    const [verified] = await t.database.db.select().from(users).where(eq(users.id, userId));
    expect(verified!.emailVerified).toBe(true); // the link came to that address
    expect(
      (await post('/sign-in/email', { email: address, password: 'my own mechanic password' })).status,
    ).toBe(200);

    // The link works once.
    const again = await post('/reset-password', { token, newPassword: 'someone else password' });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 'INVALID_TOKEN' });
    // Invited again once the password is set: refused.
    await expect(
      inviteMechanic(t.database.db, { email: address, name: 'Ida' }, { mechanicAppUrl: MECHANIC_APP }),
    ).rejects.toBeInstanceOf(AccountExistsError);
  });

  it('refuses an expired invitation link (400 INVALID_TOKEN), making no login', async () => {
    const { userId } = await inviteMechanic(
      t.database.db,
      { email: email(), name: 'Late' },
      { mechanicAppUrl: MECHANIC_APP },
    );
    const token = resetTokenOf((await invitationLink(userId)).href);
    await t.database.db
      .update(authVerifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(authVerifications.identifier, `reset-password:${token}`));
    const response = await post('/reset-password', { token, newPassword: 'too late a password' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(await t.database.db.select().from(authAccounts).where(eq(authAccounts.userId, userId))).toEqual(
      [],
    );
  });

  it('sends a pending mechanic a new link; refuses a customer’s address or bad input, writing nothing', async () => {
    const address = email();
    const first = await inviteMechanic(
      t.database.db,
      { email: address, name: 'Pat' },
      { mechanicAppUrl: MECHANIC_APP },
    );
    const firstToken = resetTokenOf((await invitationLink(first.userId)).href);
    const second = await inviteMechanic(
      t.database.db,
      { email: address, name: 'Pat' },
      { mechanicAppUrl: MECHANIC_APP },
    );
    expect(second.userId).toBe(first.userId);
    expect(resetTokenOf((await invitationLink(first.userId)).href)).not.toBe(firstToken);

    const customer = await t.customer();
    const outboxAndTokens = async () => [
      await t.database.db.select().from(mailOutbox),
      await t.database.db.select().from(authVerifications),
    ];
    const before = [await dbSnapshot(t.database.db), await outboxAndTokens()];
    await expect(
      inviteMechanic(
        t.database.db,
        { email: customer.email, name: 'Not A Mechanic' },
        { mechanicAppUrl: MECHANIC_APP },
      ),
    ).rejects.toBeInstanceOf(AccountExistsError);
    await expect(
      inviteMechanic(t.database.db, { email: 'not an email', name: 'X' }, { mechanicAppUrl: MECHANIC_APP }),
    ).rejects.toBeInstanceOf(z.core.$ZodError);
    expect([await dbSnapshot(t.database.db), await outboxAndTokens()]).toEqual(before);
  });
});
