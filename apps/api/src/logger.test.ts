import { signatureHeader } from '@autodoctor/stripe-emulator';
import { describe, expect, it } from 'vitest';
import { REDACTED } from './logger.ts';
import { startApiServer } from './server.ts';
import { EMULATOR_WEBHOOK_SECRET } from './stripe/stripe-client.ts';
import { capturingLogger } from './testing/capturing-logger.ts';
import { testConfig, useTestApi } from './testing/test-api.ts';
import { waitFor } from './testing/wait-for.ts';

const t = useTestApi();

describe('logs', () => {
  it('keep no password, cookie, token, signature or card number through sign-up, sign-in and webhooks', async () => {
    const capture = capturingLogger();
    const config = testConfig(t.database.url, t.emulator.url, { LOG_LEVEL: 'trace' });
    const api = await startApiServer(config, { log: capture.log });
    const secrets: string[] = [config.BETTER_AUTH_SECRET, EMULATOR_WEBHOOK_SECRET];
    try {
      const auth = (path: string, body: unknown, cookie?: string) =>
        fetch(`${api.url}/api/auth${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: api.url,
            authorization: 'Bearer not-a-real-token-9f3a',
            ...(cookie ? { cookie } : {}),
          },
          body: JSON.stringify(body),
        });
      const email = `redaction-${Date.now()}@test.autodoctor`;
      const password = 'hunter2-but-longer-7c1e';
      secrets.push(password, 'not-a-real-token-9f3a');
      const signUp = await auth('/sign-up/email', { email, password, name: 'Redaction Test' });
      expect(signUp.status).toBe(200);
      // A wrong password and a duplicate sign-up: the failure paths log too
      expect((await auth('/sign-in/email', { email, password: `${password}-wrong` })).status).toBe(401);
      secrets.push(`${password}-wrong`);
      // (answered as a new address would be: sign-up never tells whether an account exists)
      expect((await auth('/sign-up/email', { email, password, name: 'Again' })).status).toBe(200);
      const signIn = await auth('/sign-in/email', { email, password });
      expect(signIn.status).toBe(200);
      const cookies = signIn.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
      // The cookie values (session token, signed cache) and the token in the body.
      secrets.push(...cookies.map((cookie) => decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1))));
      const { token } = (await signIn.json()) as { token: string };
      secrets.push(token);
      const cookie = cookies.join('; ');
      const called = await fetch(`${api.url}/trpc/customer.activeSession`, { headers: { cookie } });
      expect(called.status).toBe(200);
      expect((await auth('/sign-out', {}, cookie)).status).toBe(200);

      // A signed webhook (with a card in it, as Stripe's charge objects have) and a forged one.
      const event = {
        id: `evt_redaction_${Date.now()}`,
        object: 'event',
        type: 'charge.succeeded',
        data: { object: { id: 'ch_1', payment_method_details: { card: { number: '4242424242424242' } } } },
      };
      const body = JSON.stringify(event);
      const signature = signatureHeader(body, EMULATOR_WEBHOOK_SECRET, Math.floor(Date.now() / 1000));
      secrets.push(signature, '4242424242424242');
      const webhook = (stripeSignature: string) =>
        fetch(`${api.url}/webhooks/stripe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignature },
          body,
        });
      expect((await webhook(signature)).status).toBe(200);
      expect((await webhook(signature.replace(/v1=\w+/, 'v1=deadbeef'))).status).toBe(400);

      await waitFor(() => capture.text().includes('/webhooks/stripe'), 'the webhook request logged');
    } finally {
      await api.close();
    }
    const logged = capture.text();
    const lines = logged.trim().split('\n');
    // JSON lines with the request id, and the redacted headers were logged (so the test saw them).
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(lines.some((line) => line.includes('"requestId"') && line.includes('"status":200'))).toBe(true);
    expect(logged).toContain(`"cookie":"${REDACTED}"`);
    expect(logged).toContain(`"stripe-signature":"${REDACTED}"`);
    expect(logged).toContain(`"authorization":"${REDACTED}"`);
    for (const secret of secrets) expect(logged, `a secret in the logs: ${secret}`).not.toContain(secret);
  });

  it('keep no bound values of a failed query', () => {
    const capture = capturingLogger();
    // As drizzle's DrizzleQueryError (message and params) around postgres.js's error (parameters).
    const cause = Object.assign(new Error('duplicate key value'), { parameters: ['pw-hash-3b9d'] });
    const error = Object.assign(
      new Error('Failed query: insert into "users" values ($1, $2)\nparams: alice@example.com,pw-hash-3b9d', {
        cause,
      }),
      { params: ['alice@example.com', 'pw-hash-3b9d'] },
    );
    capture.log.error({ err: error }, 'procedure failed');
    const logged = capture.text();
    expect(logged).toContain('Failed query: insert into');
    expect(logged).not.toContain('pw-hash-3b9d');
    expect(logged).not.toContain('alice@example.com');
  });
});
