import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { startTestApi, useTestApi } from '../testing/test-api.ts';
import { waitFor } from '../testing/wait-for.ts';

const t = useTestApi();

describe('GET /healthz', () => {
  it('says the database is reachable', async () => {
    const response = await fetch(`${t.api.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'reachable' });
  });

  it('answers 503 while the database refuses connections', async () => {
    const api = await startTestApi(t.database, t.emulator);
    const { adminUrl } = inject('autodoctorTestDatabase');
    const name = new URL(t.database.url).pathname.slice(1);
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin`ALTER DATABASE ${admin(name)} WITH ALLOW_CONNECTIONS false`;
      await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                  WHERE datname = ${name} AND pid <> pg_backend_pid()
                    AND application_name = 'autodoctor'`;
      const down = await waitFor(async () => {
        const response = await fetch(`${api.url}/healthz`);
        return response.status === 503 ? response : undefined;
      }, 'healthz to report the outage');
      expect(await down.json()).toEqual({ status: 'error', database: 'unreachable' });
    } finally {
      await admin`ALTER DATABASE ${admin(name)} WITH ALLOW_CONNECTIONS true`;
      await admin.end();
      await api.close();
    }
    // The other pools reconnect on their own.
    await waitFor(async () => (await fetch(`${t.api.url}/healthz`)).status === 200, 'recovery');
  });
});

describe('a request id', () => {
  it('comes back on every response', async () => {
    const response = await fetch(`${t.api.url}/healthz`);
    expect(response.headers.get('x-request-id')).toMatch(/\S+/);
  });
});

describe('CORS and the request id on tRPC answers (response-headers.ts)', () => {
  const appOrigin = 'http://localhost:5173';

  it("come on a procedure's answer, a refused one, an invalid one and a feed stream", async () => {
    const customer = await t.customer();
    const answers = [
      await fetch(`${t.api.url}/trpc/customer.creditBalance`, {
        headers: { cookie: customer.cookie, origin: appOrigin },
      }),
      await fetch(`${t.api.url}/trpc/customer.creditBalance`, { headers: { origin: appOrigin } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 401]);
    answers.push(
      await fetch(`${t.api.url}/trpc/intake.startSession`, {
        method: 'POST',
        headers: { cookie: customer.cookie, origin: appOrigin, 'content-type': 'application/json' },
        body: JSON.stringify({ json: { type: 'free' } }),
      }),
    );
    expect(answers[2]!.status).toBe(400);
    for (const answer of answers) {
      expect(answer.headers.get('x-request-id')).toMatch(/\S+/);
      expect(answer.headers.get('access-control-allow-origin')).toBe(appOrigin);
      expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
      expect(answer.headers.get('vary')).toMatch(/Origin/);
    }
    const feed = new AbortController();
    const sse = await fetch(`${t.api.url}/trpc/mechanic.queueFeed`, {
      headers: { cookie: (await t.mechanic()).cookie, origin: appOrigin },
      signal: feed.signal,
    });
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    expect(sse.headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(sse.headers.get('x-request-id')).toMatch(/\S+/);
    feed.abort();
  });

  it('answer a preflight from a web app, and not one from another site', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.api.url}/trpc/intake.startSession`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const ours = await preflight(appOrigin);
    expect(ours.status).toBe(204);
    expect(ours.headers.get('access-control-allow-origin')).toBe(appOrigin);
    expect(ours.headers.get('access-control-allow-headers')).toContain('x-autodoctor-app');
    const theirs = await preflight('https://evil.example');
    expect(theirs.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('shutting down', () => {
  it('ends open subscriptions and then stops', async () => {
    const api = await startTestApi(t.database, t.emulator);
    const mechanic = await t.mechanic();
    const response = await fetch(
      `${api.url}/trpc/mechanic.queueFeed?input=${encodeURIComponent('{"json":null}')}`,
      {
        headers: { cookie: mechanic.cookie, accept: 'text/event-stream' },
      },
    );
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read(); // the stream is open
    const closing = api.close();
    for (;;) {
      const { done } = await reader.read().catch(() => ({ done: true }));
      if (done) break;
    }
    await closing;
    await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
  });
});
