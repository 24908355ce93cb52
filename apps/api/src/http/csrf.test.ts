import { sql } from '@autodoctor/db/orm';
import { signatureHeader } from '@autodoctor/stripe-emulator';
import { describe, expect, it } from 'vitest';
import { EMULATOR_WEBHOOK_SECRET } from '../stripe/stripe-client.ts';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import { intake } from '../testing/fixtures.ts';
import { startTestApi, useTestApi } from '../testing/test-api.ts';

const t = useTestApi();

/** A tRPC mutation as a browser page sends it, with the headers a test chooses. */
function mutate(path: string, input: unknown, headers: Record<string, string>, apiUrl = t.api.url) {
  return fetch(`${apiUrl}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ json: input }),
  });
}

async function errorOf(response: Response) {
  const body = (await response.json()) as {
    error: { json: { message: string; data: Record<string, unknown> } };
  };
  return body.error.json;
}

describe('cookie-authenticated mutations (CSRF)', () => {
  it('are refused from a foreign Origin with 403 and a clear message, writing nothing', async () => {
    const customer = await t.customer();
    const before = await dbSnapshot(t.database.db);
    const response = await mutate('intake.startSession', intake(), {
      cookie: customer.cookie,
      origin: 'https://evil.example',
    });
    expect(response.status).toBe(403);
    const error = await errorOf(response);
    expect(error.message).toBe(
      "Cross-site request refused: Origin https://evil.example is not one of this API's apps",
    );
    expect(error.data).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403 });
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('are refused without an Origin when Sec-Fetch-Site says the page is on another site', async () => {
    const customer = await t.customer();
    for (const site of ['cross-site', 'same-site']) {
      const response = await mutate('intake.startSession', intake(), {
        cookie: customer.cookie,
        'sec-fetch-site': site,
      });
      expect(response.status).toBe(403);
      expect((await errorOf(response)).message).toContain(`Sec-Fetch-Site ${site}`);
    }
    expect(await customer.client.customer.activeSession.query()).toBeNull();
  });

  it('pass from the apps (APP_ORIGINS), from the API itself, and from clients that are not browsers', async () => {
    const allowed: Record<string, string>[] = [
      { origin: 'http://localhost:5173' },
      { origin: 'http://localhost:5174', 'sec-fetch-site': 'same-site' },
      { origin: new URL(t.api.url).origin },
      { 'sec-fetch-site': 'same-origin' },
      {}, // curl, a server: no browser, so no other site's page can send it
    ];
    for (const headers of allowed) {
      const customer = await t.customer();
      const response = await mutate('intake.startSession', intake(), { cookie: customer.cookie, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('leaves queries alone (they change nothing, and CORS keeps their answers from other sites)', async () => {
    const customer = await t.customer();
    const response = await fetch(`${t.api.url}/trpc/customer.creditBalance`, {
      headers: { cookie: customer.cookie, origin: 'https://evil.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('are not at stake without a cookie: an anonymous call is UNAUTHORIZED as always', async () => {
    const response = await mutate('intake.startSession', intake(), { origin: 'https://evil.example' });
    expect(response.status).toBe(401);
  });

  it('cover better-auth: sign-in, sign-up and sign-out from a foreign page are refused (403)', async () => {
    const customer = await t.customer();
    const auth = (path: string, body: unknown, headers: Record<string, string>) =>
      fetch(`${t.api.url}/api/auth/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const evil = { origin: 'https://evil.example' };
    // Login CSRF needs no cookie of the victim: signing the browser in is refused without one too.
    const refused = [
      await auth('sign-in/email', { email: customer.email, password: 'correct horse battery' }, evil),
      await auth(
        'sign-up/email',
        { email: 'x@test.autodoctor', password: 'correct horse battery', name: 'X' },
        evil,
      ),
      await auth('sign-out', {}, { ...evil, cookie: customer.cookie }),
    ];
    for (const response of refused) {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        code: 'CROSS_SITE_REQUEST',
        message: "Cross-site request refused: Origin https://evil.example is not one of this API's apps",
      });
    }
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 0 }); // still signed in
  });
});

describe('session cookies', () => {
  /** Signs up, then in (sign-up signs nobody in): the cookies of the sign-in. */
  async function signInCookies(apiUrl: string, origin: string) {
    const post = (path: string, body: object) =>
      fetch(`${apiUrl}/api/auth${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify(body),
      });
    const email = `cookie-${Math.random().toString(36).slice(2)}@test.autodoctor`;
    const password = 'correct horse battery';
    expect((await post('/sign-up/email', { email, password, name: 'Cookie Test' })).status).toBe(200);
    const response = await post('/sign-in/email', { email, password });
    expect(response.status).toBe(200);
    return response.headers.getSetCookie();
  }

  it('are httpOnly and SameSite=Lax, and not Secure over plain http', async () => {
    const cookies = await signInCookies(t.api.url, t.api.url);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).not.toMatch(/; Secure/i);
    }
  });

  it('are Secure (and __Secure- named) when PUBLIC_URL is https, as behind a TLS load balancer', async () => {
    const api = await startTestApi(t.database, t.emulator, { PUBLIC_URL: 'https://api.autodoctor.example' });
    try {
      const cookies = await signInCookies(`http://127.0.0.1:${api.port}`, 'https://api.autodoctor.example');
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) {
        expect(cookie).toMatch(/^__Secure-/);
        expect(cookie).toMatch(/; Secure/i);
        expect(cookie).toMatch(/; HttpOnly/i);
        expect(cookie).toMatch(/; SameSite=Lax/i);
      }
    } finally {
      await api.close();
    }
  });
});

describe('a server error', () => {
  // Every path that reads a table fails with drizzle's "Failed query: select …" while it is gone.
  it('never shows a client its SQL or a stack trace: tRPC, better-auth and the webhook', async () => {
    const customer = await t.customer();
    const body = JSON.stringify({
      id: 'evt_missing_table',
      object: 'event',
      type: 'charge.succeeded',
      data: { object: {} },
    });
    await t.database.db.execute(
      sql`ALTER TABLE processed_stripe_events RENAME TO processed_stripe_events_gone`,
    );
    await t.database.db.execute(sql`ALTER TABLE customer_credits RENAME TO customer_credits_gone`);
    await t.database.db.execute(sql`ALTER TABLE users RENAME TO users_gone`);
    try {
      const responses = [
        await fetch(`${t.api.url}/trpc/customer.creditBalance`, { headers: { cookie: customer.cookie } }),
        await fetch(`${t.api.url}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: t.api.url },
          body: JSON.stringify({ email: customer.email, password: 'correct horse battery' }),
        }),
        await fetch(`${t.api.url}/webhooks/stripe`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': signatureHeader(body, EMULATOR_WEBHOOK_SECRET, Math.floor(Date.now() / 1000)),
          },
          body,
        }),
      ];
      for (const response of responses) {
        const text = await response.text();
        expect(response.status, text).toBeGreaterThanOrEqual(500);
        expect(text).not.toMatch(/select|failed query|customer_credits|users|processed_stripe_events/i);
        expect(text).not.toMatch(/\bat .+:\d+:\d+|\.ts\b|node_modules/);
      }
    } finally {
      await t.database.db.execute(sql`ALTER TABLE users_gone RENAME TO users`);
      await t.database.db.execute(sql`ALTER TABLE customer_credits_gone RENAME TO customer_credits`);
      await t.database.db.execute(
        sql`ALTER TABLE processed_stripe_events_gone RENAME TO processed_stripe_events`,
      );
    }
  });
});
