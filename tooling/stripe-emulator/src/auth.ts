// Stripe's authentication: a secret key as a Bearer token (or as the Basic-auth user name, as
// curl -u sends it). Only test-mode keys are accepted; their value is otherwise not checked.
import type { MiddlewareHandler } from 'hono';
import { authenticationError } from './errors.ts';

const NO_KEY =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";

function keyFrom(authorization: string | undefined): string | null {
  const [scheme = '', credentials = ''] = (authorization ?? '').trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer') return credentials === '' ? null : credentials;
  if (scheme.toLowerCase() === 'basic') {
    const user = Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] ?? '';
    return user === '' ? null : user;
  }
  return null;
}

/** Stripe's own redaction: the prefix and at most the last four characters. */
function redact(key: string): string {
  const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  const shown = rest.length > 4 ? rest.slice(-4) : '';
  return `${prefix}${'*'.repeat(rest.length - shown.length)}${shown}`;
}

export const requireTestKey: MiddlewareHandler = async (c, next) => {
  const key = keyFrom(c.req.header('Authorization'));
  if (key === null) throw authenticationError(NO_KEY);
  if (!/^(sk|rk)_test_\w+$/.test(key)) {
    throw authenticationError(
      `Invalid API Key provided: ${redact(key)} (the emulator accepts test-mode secret keys, sk_test_…)`,
    );
  }
  await next();
};
