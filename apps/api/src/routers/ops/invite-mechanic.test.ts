import { authAccounts, authVerifications, operatorActions, users } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { startMailCatcher, type MailCatcher } from '@autodoctor/mail-catcher';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetTokenOf } from '../../auth/account-mail.ts';
import { CLIENT_APP_HEADER } from '../../auth/client-apps.ts';
import { createApiClient } from '../../testing/api-client.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { useTestApi } from '../../testing/test-api.ts';

// The API's mail worker sends to this catcher, as `pnpm dev`'s sends to its own.
let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
});
afterAll(() => catcher.close());

const MECHANIC_APP = 'http://mechanic.test';
const t = useTestApi(() => ({
  SMTP_URL: catcher.smtpUrl,
  MECHANIC_APP_URL: MECHANIC_APP,
  MAIL_POLL_MS: '50',
}));
const address = () => `invited-${randomUUID()}@test.autodoctor`;

const auth = (path: string, body: unknown) =>
  fetch(`${t.api.url}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.api.url, [CLIENT_APP_HEADER]: 'mechanic' },
    body: JSON.stringify(body),
  });

/** What a refused invitation must leave as it was: every table, the reset tokens, the invitations sent. */
const everything = async () => ({
  tables: await dbSnapshot(t.database.db),
  tokens: await t.database.db.select().from(authVerifications),
  invitationsSent: catcher.messages().filter((message) => message.subject.includes('invited to AutoDoctor'))
    .length,
});

describe('ops.inviteMechanic', () => {
  it('invites a mechanic: on the roster as invited, the email’s link sets the password, they sign in', async () => {
    const operator = await t.operator();
    const email = address();
    const invited = await operator.client.ops.inviteMechanic.mutate({
      email: ` ${email.toUpperCase()} `,
      name: ' Ida Invited ',
    });
    expect(invited.expiresAt).toBeInstanceOf(Date);
    const [user] = await t.database.db.select().from(users).where(eq(users.id, invited.userId));
    expect(user).toMatchObject({ email, name: 'Ida Invited', role: 'mechanic', emailVerified: false });
    // The audit of operators' actions names the operator and the mechanic invited.
    const audit = await t.database.db
      .select({ action: operatorActions.action, operatorUserId: operatorActions.operatorUserId })
      .from(operatorActions)
      .where(eq(operatorActions.subjectUserId, invited.userId));
    expect(audit).toEqual([{ action: 'mechanic_invited', operatorUserId: operator.userId }]);
    const roster = await operator.client.ops.mechanics.query();
    expect(roster.find((mechanic) => mechanic.id === invited.userId)).toMatchObject({
      email,
      status: 'invited',
    });

    // Sent over SMTP by the API's mail worker, with the link to the mechanic app.
    const message = await catcher.waitForMessage((caught) => caught.to.includes(email));
    expect(message.subject).toContain("Ida Invited, you're invited to AutoDoctor");
    const link = /https?:\/\/\S+\/api\/auth\/reset-password\/[^\s"<]+/.exec(message.text)?.[0];
    expect(link, message.text).toBeDefined();
    expect(new URL(link!).origin).toBe(MECHANIC_APP);
    const set = await auth('/reset-password', {
      token: resetTokenOf(link!),
      newPassword: 'my own mechanic password',
    });
    expect(set.status).toBe(200);
    const signIn = await auth('/sign-in/email', { email, password: 'my own mechanic password' });
    expect(signIn.status).toBe(200);

    // Signed in with a password: no longer "invited".
    const after = await operator.client.ops.mechanics.query();
    expect(after.find((mechanic) => mechanic.id === invited.userId)?.status).toBe('offline');
  });

  it('refuses any address with an account (customer, mechanic, operator) with ACCOUNT_EXISTS, writing and sending nothing', async () => {
    const operator = await t.operator();
    const customer = await t.customer();
    const mechanic = await t.mechanic();
    const before = await everything();
    for (const email of [customer.email, mechanic.email.toUpperCase(), operator.email]) {
      const data = await expectTRPCError(
        operator.client.ops.inviteMechanic.mutate({ email, name: 'Somebody Else' }),
        'CONFLICT',
        { appCode: 'ACCOUNT_EXISTS' },
      );
      expect(data.zodIssues).toBeNull();
    }
    // The mail worker polls every 50 ms: anything enqueued would have been sent by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await everything()).toEqual(before);
    const [login] = await t.database.db
      .select({ userId: authAccounts.userId })
      .from(authAccounts)
      .where(eq(authAccounts.userId, mechanic.userId));
    expect(login).toEqual({ userId: mechanic.userId });
  });

  it('refuses customers, mechanics and the signed-out, and malformed input in the dialog’s words, writing nothing', async () => {
    const operator = await t.operator();
    const customer = await t.customer();
    const mechanic = await t.mechanic();
    const before = await everything();
    const invitation = { email: address(), name: 'Not Invited' };
    await expectTRPCError(customer.client.ops.inviteMechanic.mutate(invitation), 'FORBIDDEN');
    await expectTRPCError(mechanic.client.ops.inviteMechanic.mutate(invitation), 'FORBIDDEN');
    await expectTRPCError(createApiClient(t.api.url).ops.inviteMechanic.mutate(invitation), 'UNAUTHORIZED');
    // The shared schema's messages reach the client (zod/mini's error is read like classic zod's).
    const refused = await operator.client.ops.inviteMechanic
      .mutate({ email: 'not an email', name: 'X' })
      .catch((error: unknown) => error as Error);
    expect(refused).toMatchObject({ message: 'Enter a valid email address' });
    await expectTRPCError(
      operator.client.ops.inviteMechanic.mutate({ email: address(), name: '   ' }),
      'BAD_REQUEST',
      { zodIssues: [expect.objectContaining({ message: 'Enter the mechanic’s name', path: ['name'] })] },
    );
    expect(await everything()).toEqual(before);
  });
});
