import { sql } from '@autodoctor/db/orm';
import type { ApiServices } from '../trpc/context.ts';
import { CLIENT_ADDRESS_HEADER, minutes, RateLimitedError } from './rate-limiter.ts';

type Services = Pick<ApiServices, 'db' | 'rateLimiter'>;

/**
 * Sign-in throttling that slows a guesser but never locks the owner out: only the addresses that
 * failed are delayed (1 s, 2 s, 4 s … past RATE_LIMIT_SIGN_IN_PER_ACCOUNT failures), each
 * (address, account) pair is capped, and better-auth limits each address. Counted in
 * `auth_rate_limits`, so every instance sees the same numbers (API README, "Rate limits").
 */

/** An account's email as the counters key it (as better-auth compares emails). */
const accountOf = (email: string) => email.trim().toLowerCase();

const keys = (email: string, address: string) => ({
  /** Attempts of one address at one account (a fixed window). */
  attempts: `sign-in:ip-account:${address}:${accountOf(email)}`,
  /** Failures at the account from any address: count, last_request = the window's start. */
  accountFailures: `sign-in:account-failures:${accountOf(email)}`,
  /** One address's failures at the account: count, last_request = when it may try again (ms). */
  delayed: `sign-in:ip-account-delay:${address}:${accountOf(email)}`,
});

/** The client's address as the API determined it (client-address.ts). */
export const clientAddressOf = (request: Request) => request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';

/**
 * Before better-auth checks the password.
 *
 * @throws {RateLimitedError} while this address must wait after its failures at a targeted
 * account, or over its attempts at the account (the pair's limit)
 */
export async function checkSignIn({ db, rateLimiter }: Services, email: string, address: string) {
  if (!rateLimiter.rules.enabled) return;
  const key = keys(email, address);
  const now = Date.now();
  const [delayed] = await db.execute<{ until: string }>(
    sql`SELECT last_request::text AS until FROM auth_rate_limits WHERE key = ${key.delayed}`,
  );
  const until = delayed ? Number(delayed.until) : 0;
  if (until > now) {
    throw new RateLimitedError(
      'Too many failed sign-ins for this account from this address: wait before trying again',
      Math.max(1, Math.ceil((until - now) / 1000)),
    );
  }
  const rule = rateLimiter.rules.signInPerIpAccount;
  await rateLimiter.consume(
    key.attempts,
    rule,
    `Too many sign-in attempts for this account from this address: at most ${rule.max} in ${minutes(rule.windowSeconds)}`,
  );
}

/**
 * After better-auth's answer: a wrong password (401) counts against the account and, once the
 * account has more than its MAX failures in the window, delays the address it came from; a
 * sign-in clears the address's delay. One statement: the account's count and the address's
 * delay are decided by PostgreSQL however many instances race.
 */
export async function recordSignIn(
  { db, rateLimiter }: Services,
  email: string,
  address: string,
  outcome: 'signed-in' | 'wrong-password',
): Promise<void> {
  if (!rateLimiter.rules.enabled) return;
  const key = keys(email, address);
  if (outcome === 'signed-in') {
    await db.execute(sql`DELETE FROM auth_rate_limits WHERE key = ${key.delayed}`);
    return;
  }
  const { max, windowSeconds } = rateLimiter.rules.signInPerAccount;
  const now = Date.now();
  const windowStart = now - windowSeconds * 1000;
  // 1 s after the first failure over MAX, doubling, at most the window (the exponent is bounded
  // so that power() stays far from overflowing).
  await db.execute(sql`
    WITH account AS (
      INSERT INTO auth_rate_limits (id, key, count, last_request)
      VALUES (gen_random_uuid()::text, ${key.accountFailures}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN auth_rate_limits.last_request <= ${windowStart} THEN 1
                     ELSE auth_rate_limits.count + 1 END,
        last_request = CASE WHEN auth_rate_limits.last_request <= ${windowStart} THEN ${now}
                            ELSE auth_rate_limits.last_request END
      RETURNING count
    )
    INSERT INTO auth_rate_limits (id, key, count, last_request)
    SELECT gen_random_uuid()::text, ${key.delayed}, 1,
           ${now}::bigint + CASE WHEN account.count > ${max}
             THEN LEAST(${windowSeconds * 1000}::bigint,
                        (1000 * power(2, LEAST(account.count - ${max} - 1, 40)))::bigint)
             ELSE 0 END
    FROM account
    ON CONFLICT (key) DO UPDATE SET
      count = auth_rate_limits.count + 1,
      last_request = EXCLUDED.last_request`);
}
