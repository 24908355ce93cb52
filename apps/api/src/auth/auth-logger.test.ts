import { describe, expect, it } from 'vitest';
import { startApiServer } from '../server.ts';
import { capturingLogger, type LogLine } from '../testing/capturing-logger.ts';
import { testConfig, useTestApi } from '../testing/test-api.ts';
import { createAuthLogger } from './auth-logger.ts';

const t = useTestApi();
const PASSWORD = 'correct horse battery';

type Line = LogLine & { kind?: string; suppressed?: number };
const WARN = 40;
const ERROR = 50;

describe("better-auth's log: a client's mistakes are rate-limited warnings, never errors", () => {
  it('logs 30 untrusted callbackURLs and the rest of the class as at most 10 warnings per kind, and no error', async () => {
    const capture = capturingLogger<Line>('warn'); // production logs info; nothing below warn matters here
    const api = await startApiServer(testConfig(t.database.url, t.emulator.url, { LOG_LEVEL: 'warn' }), {
      log: capture.log,
    });
    try {
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${api.url}/api/auth${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: api.url, ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
      const email = `logger-${Date.now()}@test.autodoctor`;
      expect((await post('/sign-up/email', { email, password: PASSWORD, name: 'Log Test' })).status).toBe(
        200,
      );

      for (let i = 0; i < 30; i++) {
        const refused = await post('/sign-in/email', {
          email,
          password: PASSWORD,
          callbackURL: `https://evil-${i}.example/steal`,
        });
        expect(refused.status).toBe(403);
      }
      // More of the class: other untrusted URLs, wrong passwords, endpoints we do not use, OAuth.
      const others = [
        post('/sign-up/email', {
          email: `other-${email}`,
          password: PASSWORD,
          name: 'Other',
          callbackURL: 'https://evil.example/',
        }),
        post('/sign-in/email', { email, password: 'wrong password 123' }),
        post('/sign-in/email', { email: `nobody-${email}`, password: 'wrong password 123' }),
        post('/request-password-reset', { email, redirectTo: 'https://evil.example/reset' }),
        post('/send-verification-email', { email: 'not an address' }),
        post('/sign-in/social', { provider: 'github', callbackURL: 'https://evil.example/' }),
        fetch(`${api.url}/api/auth/callback/github?state=x&code=y`, { redirect: 'manual' }),
        post('/sign-out', '{not json'),
        post('/get-session', '[]'),
      ];
      for (const response of await Promise.all(others)) {
        expect(response.status, response.url).toBeGreaterThanOrEqual(300);
        expect(response.status, response.url).toBeLessThan(500);
      }

      const lines = capture.lines();
      expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
      const untrusted = lines.filter((line) => line.kind === 'untrusted-url');
      expect(untrusted).toHaveLength(10);
      expect(untrusted.every((line) => line.level === WARN)).toBe(true);
      expect(untrusted[0]!.msg).toBe('auth: Invalid callbackURL: https://evil-0.example/steal');
    } finally {
      await api.close();
    }
  });

  it('says how many lines of a kind it left out once the window is over', () => {
    const capture = capturingLogger<Line>('warn'); // production logs info; nothing below warn matters here
    let clock = 0;
    const logger = createAuthLogger(capture.log, { perWindow: 2, windowMs: 60_000, now: () => clock });
    for (let i = 0; i < 5; i++) logger.log('error', `Invalid callbackURL: https://evil-${i}.example/`);
    logger.log('warn', 'Invalid password');
    clock = 61_000;
    logger.log('error', 'Invalid origin: https://evil.example');
    // Not a client's mistake: kept as it is.
    logger.log('error', 'INTERNAL_SERVER_ERROR');
    expect(
      capture.lines().map(({ level, msg, kind, suppressed }) => ({ level, msg, kind, suppressed })),
    ).toEqual([
      {
        level: WARN,
        msg: 'auth: Invalid callbackURL: https://evil-0.example/',
        kind: 'untrusted-url',
        suppressed: undefined,
      },
      {
        level: WARN,
        msg: 'auth: Invalid callbackURL: https://evil-1.example/',
        kind: 'untrusted-url',
        suppressed: undefined,
      },
      { level: WARN, msg: 'auth: Invalid password', kind: 'wrong-email-or-password', suppressed: undefined },
      {
        level: WARN,
        msg: 'auth: more client mistakes of this kind were not logged',
        kind: 'untrusted-url',
        suppressed: 3,
      },
      {
        level: WARN,
        msg: 'auth: Invalid origin: https://evil.example',
        kind: 'untrusted-url',
        suppressed: undefined,
      },
      { level: ERROR, msg: 'INTERNAL_SERVER_ERROR', kind: undefined, suppressed: undefined },
    ]);
  });
});
