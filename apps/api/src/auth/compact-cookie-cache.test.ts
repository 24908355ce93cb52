import { getCookieCache } from 'better-auth/cookies';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../testing/test-api.ts';
import { verifyCompactCookieCache } from './compact-cookie-cache.ts';

const t = useTestApi();

/** A signed-in customer's session_data cookie, as better-auth set it at sign-up. */
async function sessionDataCookie() {
  const customer = await t.customer();
  const value = customer.cookie
    .split('; ')
    .find((pair) => pair.startsWith('better-auth.session_data='))!
    .slice('better-auth.session_data='.length);
  return { customer, value, secret: t.api.services.config.BETTER_AUTH_SECRET };
}

const libraryCheck = (value: string, secret: string) =>
  getCookieCache(new Headers({ cookie: `better-auth.session_data=${value}` }), {
    secret,
    isSecure: false,
    strategy: 'compact',
  });

/** The cookie with its decoded JSON changed by `edit`, its signature kept. */
function tampered(value: string, edit: (decoded: { session: { user: { role: string } } }) => void) {
  const decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Parameters<typeof edit>[0];
  edit(decoded);
  return Buffer.from(JSON.stringify(decoded)).toString('base64url');
}

describe("verifyCompactCookieCache (better-auth's compact cookie cache, checked with node:crypto)", () => {
  it('reads a cookie better-auth signed as better-auth reads it, and says when it stops being valid', async () => {
    const { customer, value, secret } = await sessionDataCookie();
    const verified = verifyCompactCookieCache(value, secret);
    const library = await libraryCheck(value, secret);
    expect(library).not.toBeNull();
    expect(verified?.payload.user.id).toBe(customer.userId);
    expect(verified?.payload.user).toMatchObject({ id: library!.user.id, email: library!.user.email });
    expect(verified?.payload.session.token).toBe(library!.session.token);
    // The cookie cache lasts five minutes (auth.ts), well before the session does.
    const left = verified!.validUntil - Date.now();
    expect(left).toBeGreaterThan(4 * 60_000);
    expect(left).toBeLessThanOrEqual(5 * 60_000);
  });

  it('refuses what better-auth refuses: another secret, a changed payload; and an expired cookie, garbage', async () => {
    const { value, secret } = await sessionDataCookie();
    const forged = tampered(value, (decoded) => (decoded.session.user.role = 'mechanic'));
    const signedWrongly = [
      ['another secret', value, `${secret}-not`],
      ['a changed payload', forged, secret],
    ] as const;
    for (const [name, cookie, key] of signedWrongly) {
      expect(verifyCompactCookieCache(cookie, key), name).toBeUndefined();
      expect(await libraryCheck(cookie, key), name).toBeNull();
    }
    expect(verifyCompactCookieCache('not-a-cookie', secret)).toBeUndefined();
    expect(verifyCompactCookieCache('', secret)).toBeUndefined();
    expect(verifyCompactCookieCache(value, secret, Date.now() + 6 * 60_000)).toBeUndefined();
  });
});
