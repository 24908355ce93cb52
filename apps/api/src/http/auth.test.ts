import { authSessions, users } from '@autodoctor/db';
import { count, eq } from '@autodoctor/db/orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../auth/accounts.ts';
import { CLIENT_APP_HEADER, COOKIE_PREFIXES, type ClientApp } from '../auth/client-apps.ts';
import { tokenDigest } from '../auth/session-revocations.ts';
import { createApiClient } from '../testing/api-client.ts';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import { expectTRPCError } from '../testing/expect-trpc-error.ts';
import { intake } from '../testing/fixtures.ts';
import type { ApiServer } from '../server.ts';
import { startTestApi, useTestApi } from '../testing/test-api.ts';

const t = useTestApi();
const PASSWORD = 'correct horse battery';

function authPost(path: string, body: unknown, app?: ClientApp) {
  return fetch(`${t.api.url}/api/auth${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: t.api.url,
      ...(app ? { [CLIENT_APP_HEADER]: app } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]!);
const email = () => `someone-${randomUUID()}@test.autodoctor`;
const usersWith = async (address: string) =>
  (await t.database.db.select({ n: count() }).from(users).where(eq(users.email, address)))[0]!.n;

async function newAccount(role: 'mechanic' | 'operator') {
  const address = `${role}-${randomUUID()}@test.autodoctor`;
  await createAccount(t.database.db, { email: address, name: 'Mo Someone', password: PASSWORD, role });
  return address;
}
const newMechanic = () => newAccount('mechanic');

describe('sign-up and sign-in bound every field (session-core account schemas)', () => {
  it.each([
    ['a 100,000-character name', { name: 'n'.repeat(100_000) }, 413],
    ['a 101-character name', { name: 'n'.repeat(101) }, 400],
    ['a control character in the name', { name: 'Ann\u0007' }, 400],
    ['a blank name', { name: '   ' }, 400],
    ['a 255-character email', { email: `${'e'.repeat(243)}@example.com` }, 400],
    ['a 20,000-character email', { email: `${'e'.repeat(20_000)}@example.com` }, 413],
    ['a 129-character password', { password: 'p'.repeat(129) }, 400],
    ['a 7-character password', { password: 'p'.repeat(7) }, 400],
  ])('refuses a sign-up with %s, creating nothing', async (_, override, status) => {
    const body = { name: 'Ann Customer', email: email(), password: PASSWORD, ...override };
    const before = await dbSnapshot(t.database.db);
    const response = await authPost('/sign-up/email', body);
    expect(response.status).toBe(status);
    expect(cookiesOf(response)).toEqual([]);
    const answer = (await response.json()) as { message: string };
    expect(answer.message).toMatch(/\S/);
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('says what is wrong', async () => {
    const response = await authPost('/sign-up/email', {
      name: 'n'.repeat(101),
      email: email(),
      password: PASSWORD,
    });
    expect(await response.json()).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Name must be at most 100 characters',
      issues: [{ path: 'name', message: 'Name must be at most 100 characters' }],
    });
    const notJson = await authPost('/sign-up/email', 'name=x');
    expect(notJson.status).toBe(400);
  });

  it('refuses a sign-in with an oversized email or password (400), signs in a valid one', async () => {
    const address = email();
    expect(
      (await authPost('/sign-up/email', { name: '  Ann  ', email: address, password: PASSWORD })).status,
    ).toBe(200);
    const [user] = await t.database.db.select().from(users).where(eq(users.email, address));
    expect(user?.name).toBe('Ann'); // trimmed as the schema says
    const sessionsBefore = (await t.database.db.select({ n: count() }).from(authSessions))[0]!.n;
    for (const body of [
      { email: `${'e'.repeat(300)}@example.com`, password: PASSWORD },
      { email: address, password: 'p'.repeat(129) },
      { email: address, password: '' },
    ]) {
      const response = await authPost('/sign-in/email', body);
      expect(response.status).toBe(400);
      expect(cookiesOf(response)).toEqual([]);
    }
    expect((await t.database.db.select({ n: count() }).from(authSessions))[0]!.n).toBe(sessionsBefore);
    expect((await authPost('/sign-in/email', { email: address, password: PASSWORD })).status).toBe(200);
  });
});

describe('update-user', () => {
  it('bounds the name as sign-up does, changing nothing on refusal', async () => {
    const customer = await t.customer('Uma');
    const update = (name: string) =>
      fetch(`${t.api.url}/api/auth/update-user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: t.api.url, cookie: customer.cookie },
        body: JSON.stringify({ name }),
      });
    const before = await dbSnapshot(t.database.db);
    expect((await update('u'.repeat(101))).status).toBe(400);
    expect((await update('Uma\u0000')).status).toBe(400);
    expect(await dbSnapshot(t.database.db)).toEqual(before);
    expect((await update(' Uma Updated ')).status).toBe(200);
    const [user] = await t.database.db.select().from(users).where(eq(users.id, customer.userId));
    expect(user?.name).toBe('Uma Updated');
  });
});

describe('two apps, two cookie jars (x-autodoctor-app)', () => {
  it('gives each app its own cookies: a customer in one and a mechanic in the other, in one jar', async () => {
    const customerEmail = email();
    const signUp = await authPost(
      '/sign-up/email',
      { name: 'Cleo Customer', email: customerEmail, password: PASSWORD },
      'customer',
    );
    expect(signUp.status).toBe(200);
    // Sign-up signs nobody in (it answers an existing address as a new one): the app signs in next.
    expect(cookiesOf(signUp)).toEqual([]);
    const customerSignIn = await authPost(
      '/sign-in/email',
      { email: customerEmail, password: PASSWORD },
      'customer',
    );
    const customerCookies = cookiesOf(customerSignIn);
    expect(customerCookies.length).toBeGreaterThan(0);
    expect(customerCookies.every((c) => c.startsWith(`${COOKIE_PREFIXES.customer}.`))).toBe(true);

    const mechanicEmail = await newMechanic();
    const signIn = await authPost('/sign-in/email', { email: mechanicEmail, password: PASSWORD }, 'mechanic');
    expect(signIn.status).toBe(200);
    const mechanicCookies = cookiesOf(signIn);
    expect(mechanicCookies.every((c) => c.startsWith(`${COOKIE_PREFIXES.mechanic}.`))).toBe(true);

    // One jar: the browser sends every cookie to both apps' proxies.
    const jar = [...customerCookies, ...mechanicCookies].join('; ');
    const asCustomerApp = createApiClient(t.api.url, jar, { [CLIENT_APP_HEADER]: 'customer' });
    const asMechanicApp = createApiClient(t.api.url, jar, { [CLIENT_APP_HEADER]: 'mechanic' });
    const started = await asCustomerApp.intake.startSession.mutate(intake());
    expect(started.kind).toBe('session');
    const { entries } = await asMechanicApp.mechanic.queue.query();
    expect(entries.length).toBeGreaterThan(0);
    expect(await asCustomerApp.customer.activeSession.query()).toMatchObject({ status: 'pending' });
    // Each app is the person it signed in as there.
    await expectTRPCError(asMechanicApp.customer.activeSession.query(), 'FORBIDDEN');
    await expectTRPCError(asCustomerApp.mechanic.queue.query(), 'FORBIDDEN');
    // Without the header neither app's cookies count (the default prefix is better-auth's).
    await expectTRPCError(createApiClient(t.api.url, jar).customer.activeSession.query(), 'UNAUTHORIZED');

    // get-session answers per app too.
    const session = async (app: 'customer' | 'mechanic') =>
      (await (
        await fetch(`${t.api.url}/api/auth/get-session`, {
          headers: { cookie: jar, [CLIENT_APP_HEADER]: app },
        })
      ).json()) as { user: { email: string } };
    expect((await session('customer')).user.email).toBe(customerEmail);
    expect((await session('mechanic')).user.email).toBe(mechanicEmail);
  });

  it('keeps the default cookies without the header (as before)', async () => {
    const customer = await t.customer();
    expect(customer.cookie.startsWith('better-auth.')).toBe(true);
    expect(await customer.client.customer.activeSession.query()).toBeNull();
  });

  it('refuses a customer signing in through the mechanic app and a mechanic through the customer app: 403, no cookie, no session', async () => {
    const customerEmail = email();
    expect(
      (
        await authPost(
          '/sign-up/email',
          { name: 'Cleo', email: customerEmail, password: PASSWORD },
          'customer',
        )
      ).status,
    ).toBe(200);
    const mechanicEmail = await newMechanic();
    const sessionsBefore = (await t.database.db.select({ n: count() }).from(authSessions))[0]!.n;

    const wrongForCustomer = await authPost(
      '/sign-in/email',
      { email: customerEmail, password: PASSWORD },
      'mechanic',
    );
    expect(wrongForCustomer.status).toBe(403);
    expect(cookiesOf(wrongForCustomer)).toEqual([]);
    expect(await wrongForCustomer.json()).toEqual({
      code: 'WRONG_APP',
      message: 'This is the mechanic app: customer accounts sign in at the customer app',
    });

    const wrongForMechanic = await authPost(
      '/sign-in/email',
      { email: mechanicEmail, password: PASSWORD },
      'customer',
    );
    expect(wrongForMechanic.status).toBe(403);
    expect(cookiesOf(wrongForMechanic)).toEqual([]);
    expect(((await wrongForMechanic.json()) as { message: string }).message).toBe(
      'This is the customer app: mechanic accounts sign in at the mechanic app',
    );
    expect((await t.database.db.select({ n: count() }).from(authSessions))[0]!.n).toBe(sessionsBefore);

    // Nobody signs up through the operations console.
    const signUpAtOps = await authPost(
      '/sign-up/email',
      { name: 'Eve', email: email(), password: PASSWORD },
      'ops',
    );
    expect(signUpAtOps.status).toBe(403);
    expect(await signUpAtOps.json()).toEqual({
      code: 'SIGN_UP_NOT_ALLOWED',
      message: 'Operator accounts cannot sign up: ask for one to be made for you',
    });

    // Operators sign in at the operations console only, and nobody else does.
    const operatorEmail = await newAccount('operator');
    for (const app of ['customer', 'mechanic'] as const) {
      const refused = await authPost('/sign-in/email', { email: operatorEmail, password: PASSWORD }, app);
      expect(refused.status).toBe(403);
      expect(cookiesOf(refused)).toEqual([]);
    }
    for (const address of [customerEmail, mechanicEmail]) {
      const refused = await authPost('/sign-in/email', { email: address, password: PASSWORD }, 'ops');
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({
        code: 'WRONG_APP',
        message: 'This is the operations console: only operator accounts sign in here',
      });
    }
    expect((await t.database.db.select({ n: count() }).from(authSessions))[0]!.n).toBe(sessionsBefore);
    const operatorSignIn = await authPost(
      '/sign-in/email',
      { email: operatorEmail, password: PASSWORD },
      'ops',
    );
    expect(operatorSignIn.status).toBe(200);
    const operatorCookies = cookiesOf(operatorSignIn);
    expect(operatorCookies.every((c) => c.startsWith(`${COOKIE_PREFIXES.ops}.`))).toBe(true);
    // Signed in, an operator is refused the customers' and mechanics' procedures, and the rooms'.
    const asOps = createApiClient(t.api.url, operatorCookies.join('; '), { [CLIENT_APP_HEADER]: 'ops' });
    await expectTRPCError(asOps.customer.activeSession.query(), 'FORBIDDEN');
    await expectTRPCError(asOps.mechanic.queue.query(), 'FORBIDDEN');
    await expectTRPCError(asOps.session.timeline.query({ sessionId: randomUUID() }), 'FORBIDDEN');

    // A wrong password stays better-auth's 401, whichever app.
    expect(
      (await authPost('/sign-in/email', { email: customerEmail, password: 'wrong password' }, 'mechanic'))
        .status,
    ).toBe(401);
  });

  it('refuses sign-up through the mechanic app, creating nothing', async () => {
    const address = email();
    const response = await authPost(
      '/sign-up/email',
      { name: 'Would-be Mechanic', email: address, password: PASSWORD },
      'mechanic',
    );
    expect(response.status).toBe(403);
    expect(cookiesOf(response)).toEqual([]);
    expect(await usersWith(address)).toBe(0);
  });
});

describe("the cookie cache (better-auth's getCookieCache)", () => {
  it('answers from the signed session_data cookie with its role, and only with the matching token cookie', async () => {
    const signIn = await authPost('/sign-in/email', { email: await newMechanic(), password: PASSWORD });
    const { user } = (await signIn.json()) as { user: { id: string } };
    const cookies = cookiesOf(signIn);
    expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual([
      'better-auth.session_data',
      'better-auth.session_token',
    ]);
    // The session has expired in the database (not revoked: see the revocation tests below):
    // within the cookie cache's five minutes the signed copy still answers, as get-session
    // answers; the token cookie alone no longer does.
    await t.database.db
      .update(authSessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(authSessions.userId, user.id));
    const full = createApiClient(t.api.url, cookies.join('; '));
    expect(Array.isArray((await full.mechanic.queue.query()).entries)).toBe(true);
    const tokenOnly = createApiClient(
      t.api.url,
      cookies.filter((c) => c.includes('session_token')).join('; '),
    );
    await expectTRPCError(tokenOnly.mechanic.queue.query(), 'UNAUTHORIZED');
    // A session_data cookie beside another session's token is not taken: that token decides.
    const other = await t.customer();
    const otherToken = other.cookie.split('; ').find((c) => c.startsWith('better-auth.session_token='))!;
    const mixed = createApiClient(
      t.api.url,
      [cookies.find((c) => c.startsWith('better-auth.session_data='))!, otherToken].join('; '),
    );
    await expectTRPCError(mixed.mechanic.queue.query(), 'FORBIDDEN');
  });
});

describe('revocation: a revoked session is refused on every instance from the next request on', () => {
  // A second instance on the same database, as behind the load balancer.
  let b: ApiServer;
  beforeAll(async () => {
    b = await startTestApi(t.database, t.emulator);
  });
  afterAll(async () => {
    await b.close();
  });

  async function signedInMechanic() {
    const signIn = await authPost('/sign-in/email', { email: await newMechanic(), password: PASSWORD });
    expect(signIn.status).toBe(200);
    const { user } = (await signIn.json()) as { user: { id: string } };
    return { userId: user.id, cookie: cookiesOf(signIn).join('; ') };
  }
  const queueOn = (api: ApiServer, cookie: string) => createApiClient(api.url, cookie).mechanic.queue.query();
  const tokenOf = (cookie: string) =>
    decodeURIComponent(
      cookie
        .split('; ')
        .find((pair) => pair.startsWith('better-auth.session_token='))!
        .slice('better-auth.session_token='.length),
    ).split('.')[0]!;
  // An instance refuses a revoked session once PostgreSQL has delivered the NOTIFY to it (the
  // revoking instance's answer waits for its own delivery); on a loaded machine another instance
  // may get it a few ms after the answer, so the test waits for that delivery, not for a time.
  const hears = (api: ApiServer, kind: 'token' | 'user', subject: string) =>
    api.services.authByApp.revocations.heard(kind, kind === 'token' ? tokenDigest(subject) : subject, 30_000);

  it('signed out on A, a copied cookie is refused on B (tRPC, get-session, update-user)', async () => {
    const { cookie } = await signedInMechanic();
    // Both instances know the cookie (each remembers its answer: the fast path).
    expect(Array.isArray((await queueOn(b, cookie)).entries)).toBe(true);
    expect(Array.isArray((await queueOn(t.api, cookie)).entries)).toBe(true);
    const bHears = hears(b, 'token', tokenOf(cookie));
    const signOut = await fetch(`${t.api.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: t.api.url, cookie },
      body: '{}',
    });
    expect(signOut.status).toBe(200);
    expect(await bHears).toBe(true);

    // The copy, as it was before the sign-out cleared the browser's cookies.
    await expectTRPCError(queueOn(b, cookie), 'UNAUTHORIZED');
    await expectTRPCError(queueOn(t.api, cookie), 'UNAUTHORIZED');
    const session = await fetch(`${b.url}/api/auth/get-session`, { headers: { cookie } });
    expect(await session.json()).toBeNull();
    const update = await fetch(`${b.url}/api/auth/update-user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: b.url, cookie },
      body: JSON.stringify({ name: 'Not Me' }),
    });
    expect(update.status).toBe(401);
  });

  it('revokeSessions({ userId }) ends every session of a user everywhere; a later sign-in works', async () => {
    const email = await newMechanic();
    const signIn = async () => {
      const response = await authPost('/sign-in/email', { email, password: PASSWORD });
      const { user } = (await response.json()) as { user: { id: string } };
      return { userId: user.id, cookie: cookiesOf(response).join('; ') };
    };
    const first = await signIn();
    const second = await signIn();
    for (const { cookie } of [first, second]) expect((await queueOn(b, cookie)).entries).toBeDefined();

    const aHears = hears(t.api, 'user', first.userId);
    await b.services.authByApp.revocations.revokeSessions({ userId: first.userId });
    expect(await aHears).toBe(true);
    for (const api of [t.api, b]) {
      for (const { cookie } of [first, second]) await expectTRPCError(queueOn(api, cookie), 'UNAUTHORIZED');
    }
    expect(
      await t.database.db.select().from(authSessions).where(eq(authSessions.userId, first.userId)),
    ).toEqual([]);
    const again = await signIn();
    expect(Array.isArray((await queueOn(t.api, again.cookie)).entries)).toBe(true);
  });

  it('revokeSessions({ token }), and an instance started after the revocation refuses the cookie too', async () => {
    const { cookie } = await signedInMechanic();
    const token = tokenOf(cookie);
    const bHears = hears(b, 'token', token);
    await t.api.services.authByApp.revocations.revokeSessions({ token });
    expect(await bHears).toBe(true);
    await expectTRPCError(queueOn(b, cookie), 'UNAUTHORIZED');
    // It was not listening when the session was revoked: it reads the revocations at start.
    const c = await startTestApi(t.database, t.emulator);
    try {
      await expectTRPCError(queueOn(c, cookie), 'UNAUTHORIZED');
    } finally {
      await c.close();
    }
  });
});
