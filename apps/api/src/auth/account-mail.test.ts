import { authAccounts, authSessions, authVerifications, mailOutbox, users } from '@autodoctor/db';
import { and, desc, eq, like, sql } from '@autodoctor/db/orm';
import { createEmailVerificationToken } from 'better-auth/api';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../testing/api-client.ts';
import { signIn, TEST_PASSWORD } from '../testing/accounts.ts';
import { useTestApi } from '../testing/test-api.ts';
import { resetTokenOf } from './account-mail.ts';

// Limits on, as in production; the per-address mail rule at its default (3 an hour), the per-IP
// ones raised: every request of this file comes from 127.0.0.1.
const t = useTestApi({
  RATE_LIMITS: 'on',
  RATE_LIMIT_SIGN_UP_PER_IP: '1000/600',
  RATE_LIMIT_SIGN_IN_PER_IP: '1000/300',
  RATE_LIMIT_AUTH_PER_IP: '1000/60',
  RATE_LIMIT_MAIL_PER_IP: '1000/60',
  MECHANIC_APP_URL: 'http://localhost:5174',
});
const SECRET = 'test-secret-test-secret-test-secret!'; // testConfig's BETTER_AUTH_SECRET
const CUSTOMER_APP = 'http://localhost:5173';

const email = () => `mail-${randomUUID()}@test.autodoctor`;

const post = (path: string, body: unknown, cookie?: string) =>
  fetch(`${t.api.url}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.api.url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

async function signUp(address = email(), name = 'Mia Mail') {
  const response = await post('/sign-up/email', { email: address, password: TEST_PASSWORD, name });
  expect(response.status).toBe(200);
  const [user] = await t.database.db.select().from(users).where(eq(users.email, address));
  return { ...user!, response };
}

const outboxTo = (address: string) =>
  t.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, address))
    .orderBy(desc(mailOutbox.createdAt));

const passwordHashOf = async (userId: string) =>
  (
    await t.database.db
      .select({ password: authAccounts.password })
      .from(authAccounts)
      .where(eq(authAccounts.userId, userId))
  )[0]?.password;

/** The path and query of a link in a message, to follow on the API itself (not the app's proxy). */
const onApi = (link: string) => {
  const url = new URL(link);
  return `${t.api.url}${url.pathname}${url.search}`;
};

describe('sign-up never tells whether an address has an account', () => {
  it('answers an existing address as a new one (200, same shape, no cookie), sends it nothing, changes nothing', async () => {
    const address = email();
    const first = await signUp(address);
    const firstBody = (await first.response.json()) as { token: unknown; user: Record<string, unknown> };
    expect(first.response.headers.getSetCookie()).toEqual([]);
    expect(firstBody.token).toBeNull();
    const hash = await passwordHashOf(first.id);

    const again = await post('/sign-up/email', { email: address, password: 'another password!', name: 'X' });
    expect(again.status).toBe(200);
    expect(again.headers.getSetCookie()).toEqual([]);
    const againBody = (await again.json()) as { token: unknown; user: Record<string, unknown> };
    expect(againBody.token).toBeNull();
    expect(Object.keys(againBody.user).sort()).toEqual(Object.keys(firstBody.user).sort());
    expect(againBody.user.id).not.toBe(first.id); // a made-up user, never the real one

    expect(await passwordHashOf(first.id)).toBe(hash);
    expect(await outboxTo(address)).toHaveLength(1); // the first sign-up's verification only
    // The account's own password still signs in; the other one does not.
    expect((await post('/sign-in/email', { email: address, password: TEST_PASSWORD })).status).toBe(200);
    expect((await post('/sign-in/email', { email: address, password: 'another password!' })).status).toBe(
      401,
    );
  });
});

describe('email verification', () => {
  it('enqueues verify_email with a link through the customer app back to it; following it verifies and signs in', async () => {
    const address = email();
    const user = await signUp(address, 'Vera');
    expect(user.emailVerified).toBe(false);
    const [message] = await outboxTo(address);
    expect(message).toMatchObject({ kind: 'verify_email', userId: user.id, status: 'pending' });
    const { url, name } = message!.payload as { url: string; name: string };
    expect(name).toBe('Vera');
    const link = new URL(url);
    expect(link.origin).toBe(CUSTOMER_APP);
    expect(link.pathname).toBe('/api/auth/verify-email');
    expect(link.searchParams.get('callbackURL')).toBe(`${CUSTOMER_APP}/email-verified`);

    const followed = await fetch(onApi(url), { redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe(`${CUSTOMER_APP}/email-verified`);
    expect(followed.headers.getSetCookie().some((c) => c.startsWith('better-auth.session_token='))).toBe(
      true,
    );
    const [after] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(after!.emailVerified).toBe(true);

    // Reused: already verified, nothing changes, back to the page with no error.
    const again = await fetch(onApi(url), { redirect: 'manual' });
    expect(again.headers.get('location')).toBe(`${CUSTOMER_APP}/email-verified`);
  });

  it('refuses a tampered or expired link with a code the page shows, verifying nothing', async () => {
    const user = await signUp();
    const [message] = await outboxTo(user.email);
    const { url } = message!.payload as { url: string };
    const token = new URL(url).searchParams.get('token')!;
    const tampered = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const expired = await createEmailVerificationToken(SECRET, user.email, undefined, -60, {
      userId: user.id,
    });

    for (const [bad, code] of [
      [tampered, 'INVALID_TOKEN'],
      [expired, 'TOKEN_EXPIRED'],
    ] as const) {
      // Through the link: back to the app's page with ?error=CODE.
      const link = new URL(url);
      link.searchParams.set('token', bad);
      const followed = await fetch(onApi(link.href), { redirect: 'manual' });
      expect(followed.status).toBe(302);
      expect(followed.headers.get('location')).toBe(`${CUSTOMER_APP}/email-verified?error=${code}`);
      expect(followed.headers.getSetCookie()).toEqual([]);
      // Without a callback: 401 with the code.
      const direct = await fetch(`${t.api.url}/api/auth/verify-email?token=${bad}`);
      expect(direct.status).toBe(401);
      expect(await direct.json()).toMatchObject({ code });
    }
    const [after] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(after!.emailVerified).toBe(false);
  });
});

describe('password reset', () => {
  async function requestReset(address: string) {
    const response = await post('/request-password-reset', { email: address });
    return { status: response.status, body: await response.json() };
  }

  it('answers the same for any address; the link resets the password once and ends every sign-in', async () => {
    const user = await signUp();
    const signedIn = await signIn(t.api.url, user.email);
    const unknown = await requestReset(email());
    const known = await requestReset(user.email);
    expect(known).toEqual(unknown);
    expect(known.status).toBe(200);

    const [message] = (await outboxTo(user.email)).filter((m) => m.kind === 'reset_password');
    const { url } = message!.payload as { url: string };
    const token = resetTokenOf(url);
    // Opened: better-auth checks the token and sends the opener on to the app's page with it.
    const opened = await fetch(onApi(url), { redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe(`${CUSTOMER_APP}/reset-password?token=${token}`);
    const [row] = await t.database.db
      .select()
      .from(authVerifications)
      .where(eq(authVerifications.identifier, `reset-password:${token}`));
    // An hour (give or take the request's own time).
    expect(Math.abs(row!.expiresAt.getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);

    const reset = await post('/reset-password', { token, newPassword: 'a brand new password' });
    expect(reset.status).toBe(200);
    await expect(
      createApiClient(t.api.url, signedIn.cookie).customer.creditBalance.query(),
    ).rejects.toThrow();
    expect((await post('/sign-in/email', { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
    expect(
      (await post('/sign-in/email', { email: user.email, password: 'a brand new password' })).status,
    ).toBe(200);

    // Reused: refused, nothing changes.
    const hash = await passwordHashOf(user.id);
    const reused = await post('/reset-password', { token, newPassword: 'yet another password' });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ code: 'INVALID_TOKEN' });
    expect(await passwordHashOf(user.id)).toBe(hash);
    // Opened again: the page says at once that the link no longer works.
    const spent = await fetch(onApi(url), { redirect: 'manual' });
    expect(spent.headers.get('location')).toBe(`${CUSTOMER_APP}/reset-password?error=INVALID_TOKEN`);
  });

  it('refuses an expired or tampered token (400 INVALID_TOKEN): the password and the sign-ins unchanged', async () => {
    const user = await signUp();
    const signedIn = await signIn(t.api.url, user.email);
    await requestReset(user.email);
    const [message] = (await outboxTo(user.email)).filter((m) => m.kind === 'reset_password');
    const token = resetTokenOf((message!.payload as { url: string }).url);
    const hash = await passwordHashOf(user.id);
    const sessions = await t.database.db.select().from(authSessions).where(eq(authSessions.userId, user.id));

    const tampered = await post('/reset-password', {
      token: `${token}x`,
      newPassword: 'a brand new password',
    });
    expect(tampered.status).toBe(400);
    expect(await tampered.json()).toMatchObject({ code: 'INVALID_TOKEN' });

    // Aged: the row's expiry an hour ago.
    await t.database.db
      .update(authVerifications)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(authVerifications.identifier, `reset-password:${token}`));
    const expired = await post('/reset-password', { token, newPassword: 'a brand new password' });
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ code: 'INVALID_TOKEN' });

    expect(await passwordHashOf(user.id)).toBe(hash);
    expect(await t.database.db.select().from(authSessions).where(eq(authSessions.userId, user.id))).toEqual(
      sessions,
    );
    expect(await createApiClient(t.api.url, signedIn.cookie).customer.creditBalance.query()).toEqual({
      credits: 0,
    });
  });

  it("links a mechanic to the mechanic app's reset page", async () => {
    const mechanic = await t.mechanic();
    await requestReset(mechanic.email);
    const [message] = await outboxTo(mechanic.email);
    const link = new URL((message!.payload as { url: string }).url);
    expect(link.origin).toBe('http://localhost:5174');
    expect(link.searchParams.get('callbackURL')).toBe('http://localhost:5174/reset-password');
  });
});

describe('per-address mail limit (RATE_LIMIT_MAIL_PER_ADDRESS: 3 an hour)', () => {
  it('answers a 4th reset request as the first three, and sends nothing more; as for an unknown address', async () => {
    const user = await signUp();
    const unknown = email();
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const known = await post('/request-password-reset', { email: user.email });
      const other = await post('/request-password-reset', { email: unknown });
      answers.push([known.status, await known.json(), other.status, await other.json()]);
    }
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect((await outboxTo(user.email)).filter((m) => m.kind === 'reset_password')).toHaveLength(3);
    const [counter] = await t.database.db.execute<{ count: number }>(
      sql`SELECT count FROM auth_rate_limits WHERE key LIKE 'mail:reset_password:%' ORDER BY count DESC LIMIT 1`,
    );
    expect(counter!.count).toBe(4);
  });

  it('limits "send the link again" per address too (the sign-up mail counts)', async () => {
    const user = await signUp();
    for (let i = 0; i < 3; i++) {
      const response = await post('/send-verification-email', { email: user.email });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: true });
    }
    // Sign-up's own message and two more: three in all.
    expect((await outboxTo(user.email)).filter((m) => m.kind === 'verify_email')).toHaveLength(3);
  });

  it('limits change-email per new address', async () => {
    const user = await signUp();
    const { cookie } = await signIn(t.api.url, user.email);
    const target = email();
    for (let i = 0; i < 4; i++) {
      const response = await post('/change-email', { newEmail: target }, cookie);
      expect(response.status).toBe(200);
    }
    expect(await outboxTo(target)).toHaveLength(3);
  });
});

describe('email change', () => {
  it('sends change_email to the NEW address; the old one works until the link is followed', async () => {
    const user = await signUp();
    const { cookie } = await signIn(t.api.url, user.email);
    const target = email();
    expect((await post('/change-email', { newEmail: target }, cookie)).status).toBe(200);
    const [message] = await outboxTo(target);
    expect(message).toMatchObject({ kind: 'change_email', userId: user.id, toAddress: target });
    expect(message!.payload).toMatchObject({ newEmail: target });
    const [unchanged] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(unchanged!.email).toBe(user.email);

    const { url } = message!.payload as { url: string };
    expect((await fetch(onApi(url), { redirect: 'manual' })).status).toBe(302);
    const [changed] = await t.database.db.select().from(users).where(eq(users.id, user.id));
    expect(changed!.email).toBe(target);
    expect((await post('/sign-in/email', { email: target, password: TEST_PASSWORD })).status).toBe(200);
  });

  it('answers an address that has an account as any other, sending nothing', async () => {
    const [user, other] = [await signUp(), await signUp()];
    const { cookie } = await signIn(t.api.url, user.email);
    const before = await t.database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.kind, 'change_email'), like(mailOutbox.toAddress, other.email)));
    const response = await post('/change-email', { newEmail: other.email }, cookie);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: true });
    expect(
      await t.database.db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.kind, 'change_email'), like(mailOutbox.toAddress, other.email))),
    ).toEqual(before);
  });
});
