import { roomPhotos, users } from '@autodoctor/db';
import { count, eq } from '@autodoctor/db/orm';
import { grantCredits } from '@autodoctor/session-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import type { ApiServer } from '../server.ts';
import { signUpCustomer, type TestUser } from '../testing/accounts.ts';
import { createApiClient } from '../testing/api-client.ts';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import { intake } from '../testing/fixtures.ts';
import { smallImage } from '../testing/images.ts';
import { startTestApi, useTestApi } from '../testing/test-api.ts';
import { rateRulesOf } from './rate-limiter.ts';

const t = useTestApi();

// Two instances on one database with small limits: what one counts, the other sees.
const LIMITED = {
  RATE_LIMITS: 'on',
  TRUST_PROXY: 'on', // as behind nginx: the test names each request's address in X-Forwarded-For
  RATE_LIMIT_SIGN_UP_PER_IP: '3/600',
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: '2/600',
  RATE_LIMIT_SIGN_IN_PER_IP_ACCOUNT: '3/600',
  RATE_LIMIT_INTAKE_PER_ACCOUNT: '2/600',
  RATE_LIMIT_PHOTO_UPLOAD_PER_ACCOUNT: '2/600',
  RATE_LIMIT_QUOTE_DECISIONS_PER_ACCOUNT: '2/600',
} as const;
let a: ApiServer;
let b: ApiServer;
beforeAll(async () => {
  a = await startTestApi(t.database, t.emulator, LIMITED);
  b = await startTestApi(t.database, t.emulator, LIMITED);
});
afterAll(async () => {
  await a.close();
  await b.close();
});

const PASSWORD = 'correct horse battery';
let counter = 0;
const freshEmail = () => `limits-${process.pid}-${++counter}@test.autodoctor`;

function auth(api: ApiServer, path: string, body: unknown, address: string) {
  return fetch(`${api.url}/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: api.url, 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });
}

function expectRetryAfter(response: Response) {
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 600, String(retryAfter)).toBe(true);
}

describe('rate limits (shared across instances through PostgreSQL)', () => {
  it('sign-up: per address, 429 with Retry-After once over, counted by every instance', async () => {
    const address = '203.0.113.10';
    for (const api of [a, b, a]) {
      expect(
        (await auth(api, '/sign-up/email', { email: freshEmail(), password: PASSWORD, name: 'Ok' }, address))
          .status,
      ).toBe(200);
    }
    const refusedEmail = freshEmail();
    const refused = await auth(
      b,
      '/sign-up/email',
      { email: refusedEmail, password: PASSWORD, name: 'No' },
      address,
    );
    expect(refused.status).toBe(429);
    expectRetryAfter(refused);
    expect(await t.database.db.select().from(users).where(eq(users.email, refusedEmail))).toEqual([]);
    // Another address is not held back.
    const other = await auth(
      b,
      '/sign-up/email',
      { email: freshEmail(), password: PASSWORD, name: 'Ok' },
      '203.0.113.11',
    );
    expect(other.status).toBe(200);
  });

  it('sign-in: a guesser from many addresses is slowed, yet the owner signs in (no lockout by a stranger)', async () => {
    const email = freshEmail();
    expect(
      (await auth(a, '/sign-up/email', { email, password: PASSWORD, name: 'Target' }, '198.51.100.1')).status,
    ).toBe(200);
    const signIn = (api: ApiServer, address: string, password = 'wrong password 123') =>
      auth(api, '/sign-in/email', { email, password }, address);
    // Ten wrong passwords from ten addresses, through both instances: each is answered (401).
    for (let i = 0; i < 10; i++) {
      expect((await signIn(i % 2 ? b : a, `198.51.100.${10 + i}`)).status).toBe(401);
    }
    // Past the account's 2 failures, the addresses that failed wait (here 2^7 s after the tenth),
    // even with the right password: 429 with Retry-After, and the password is not even checked.
    const waiting = await signIn(b, '198.51.100.19', PASSWORD);
    expect(waiting.status).toBe(429);
    expectRetryAfter(waiting);
    expect(await waiting.json()).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-ins for this account from this address: wait before trying again',
    });
    // The owner, from an address without failures, signs in on either instance.
    expect((await signIn(a, '198.51.100.200', PASSWORD)).status).toBe(200);
    expect((await signIn(b, '198.51.100.201', PASSWORD)).status).toBe(200);
  });

  it('sign-in: per address and account, 429 with Retry-After over the limit; other pairs go on', async () => {
    const email = freshEmail();
    expect(
      (await auth(a, '/sign-up/email', { email, password: PASSWORD, name: 'Pair' }, '198.51.100.30')).status,
    ).toBe(200);
    const signIn = (api: ApiServer, address: string) =>
      auth(api, '/sign-in/email', { email, password: PASSWORD }, address);
    for (const api of [a, b, a]) expect((await signIn(api, '198.51.100.31')).status).toBe(200);
    const refused = await signIn(b, '198.51.100.31');
    expect(refused.status).toBe(429);
    expectRetryAfter(refused);
    expect(await refused.json()).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many sign-in attempts for this account from this address: at most 3 in 10 min',
    });
    // Another address at this account, and this address at another account, are not held back.
    expect((await signIn(a, '198.51.100.32')).status).toBe(200);
    const other = freshEmail();
    expect(
      (await auth(a, '/sign-up/email', { email: other, password: PASSWORD, name: 'Other' }, '198.51.100.33'))
        .status,
    ).toBe(200);
    expect(
      (await auth(b, '/sign-in/email', { email: other, password: PASSWORD }, '198.51.100.31')).status,
    ).toBe(200);
  });

  it('intake: per customer, TOO_MANY_REQUESTS (429, Retry-After) over the limit, nothing written', async () => {
    const customer: TestUser = await signUpCustomer(t.api.url);
    await grantCredits(t.database.db, customer.userId, 5);
    for (const api of [a, b]) {
      const client = createApiClient(api.url, customer.cookie);
      const started = await client.intake.startSession.mutate(intake({ type: 'credit' }));
      if (started.kind !== 'session') throw new Error('expected a session');
      await client.customer.cancelSession.mutate({ sessionId: started.session.id });
    }
    const before = await dbSnapshot(t.database.db);
    const response = await fetch(`${a.url}/trpc/intake.startSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: customer.cookie },
      body: JSON.stringify({ json: intake({ type: 'credit' }) }),
    });
    expect(response.status).toBe(429);
    expectRetryAfter(response);
    const body = (await response.json()) as { error: { json: { message: string; data: { code: string } } } };
    expect(body.error.json.data.code).toBe('TOO_MANY_REQUESTS');
    expect(body.error.json.message).toBe('Too many sessions started: at most 2 in 10 min');
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('quote decisions: per customer, counted by every instance, TOO_MANY_REQUESTS over the limit', async () => {
    const customer: TestUser = await signUpCustomer(t.api.url);
    const decision = {
      quoteId: '3c9d1f2e-6a7b-4c8d-9e0f-112233445566',
      decisions: [{ lineId: '3c9d1f2e-6a7b-4c8d-9e0f-112233445567', approved: true }],
      signatureName: 'Ada Lovelace',
    };
    // Refused (no such quote), yet counted: one call on each instance.
    for (const api of [a, b]) {
      await expect(
        createApiClient(api.url, customer.cookie).customer.decideQuote.mutate(decision),
      ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    }
    const before = await dbSnapshot(t.database.db);
    const response = await fetch(`${a.url}/trpc/customer.decideQuote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: customer.cookie },
      body: JSON.stringify({ json: decision }),
    });
    expect(response.status).toBe(429);
    expectRetryAfter(response);
    const body = (await response.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe('Too many quote decisions: at most 2 in 10 min');
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('photo uploads: per account, 429 TOO_MANY_REQUESTS with Retry-After over the limit, nothing stored', async () => {
    const customer: TestUser = await signUpCustomer(t.api.url);
    const png = await smallImage('png');
    const upload = (api: ApiServer) =>
      fetch(`${api.url}/api/photos?for=intake`, {
        method: 'POST',
        headers: { 'content-type': 'image/png', cookie: customer.cookie },
        body: png,
      });
    expect((await upload(a)).status).toBe(201);
    expect((await upload(b)).status).toBe(201);
    const response = await upload(a);
    expect(response.status).toBe(429);
    expectRetryAfter(response);
    expect(await response.json()).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many photos uploaded: at most 2 in 10 min',
    });
    const [stored] = await t.database.db
      .select({ n: count() })
      .from(roomPhotos)
      .where(eq(roomPhotos.uploaderUserId, customer.userId));
    expect(stored!.n).toBe(2);
  });

  it('take X-Forwarded-For only with TRUST_PROXY=on (else a client could name any address)', async () => {
    const direct = await startTestApi(t.database, t.emulator, { ...LIMITED, TRUST_PROXY: 'off' });
    try {
      // Three sign-ups naming three addresses all come from 127.0.0.1: the fourth is refused.
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const response = await auth(
          direct,
          '/sign-up/email',
          { email: freshEmail(), password: PASSWORD, name: 'Spoof' },
          `192.0.2.${i}`,
        );
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await direct.close();
    }
  });
});

describe('rate limit settings', () => {
  const base = {
    DATABASE_URL: 'postgres://u:p@localhost:5432/autodoctor',
    BETTER_AUTH_SECRET: 'x'.repeat(32),
    STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111',
  };

  it('have defaults, are MAX/SECONDS, and RATE_LIMIT_MULTIPLIER raises every MAX', () => {
    expect(rateRulesOf(loadConfig(base))).toMatchObject({
      enabled: true,
      signInPerIp: { max: 60, windowSeconds: 300 },
      signInPerAccount: { max: 10, windowSeconds: 300 },
      signInPerIpAccount: { max: 10, windowSeconds: 300 },
      signUpPerIp: { max: 30, windowSeconds: 600 },
      intakePerAccount: { max: 10, windowSeconds: 600 },
      quoteDecisionsPerAccount: { max: 20, windowSeconds: 600 },
      quoteWritesPerAccount: { max: 60, windowSeconds: 600 },
      mailPerAddress: { max: 3, windowSeconds: 3600 },
      mailPerIp: { max: 3, windowSeconds: 60 },
    });
    const raised = rateRulesOf(
      loadConfig({ ...base, RATE_LIMIT_MULTIPLIER: '10', RATE_LIMIT_SIGN_UP_PER_IP: '5/60' }),
    );
    expect(raised.signUpPerIp).toEqual({ max: 50, windowSeconds: 60 });
    expect(rateRulesOf(loadConfig({ ...base, RATE_LIMITS: 'off' })).enabled).toBe(false);
  });

  it('refuse a malformed limit with one line naming it', () => {
    expect(() => loadConfig({ ...base, RATE_LIMIT_INTAKE_PER_ACCOUNT: '10' })).toThrow(
      /RATE_LIMIT_INTAKE_PER_ACCOUNT must be MAX\/SECONDS/,
    );
    expect(() => loadConfig({ ...base, RATE_LIMIT_MULTIPLIER: '0' })).toThrow(/RATE_LIMIT_MULTIPLIER/);
  });
});
