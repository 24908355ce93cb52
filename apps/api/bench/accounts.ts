// Signed-in users for the bench, made in bulk: signing up or in through better-auth costs a scrypt
// hash each (tens of ms), so 1,000 mechanics and thousands of customers would take minutes. Instead
// one statement writes the users, their email + password logins (all with one hash of the same
// password) and a better-auth session each, and the cookie is signed here exactly as better-auth
// signs it (HMAC-SHA-256 of the token with the secret, as its own test-utils plugin does).
// `checkMintedCookies` proves the format against a real sign-in before anything relies on it.
import type { Database } from '@autodoctor/db';
import { hashPassword, makeSignature } from 'better-auth/crypto';
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { createAccount } from '../src/auth/accounts.ts';

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret!';
const PASSWORD = 'bench password, not secret';
const COOKIE_NAME = 'better-auth.session_token';

/** A user with a live better-auth session: what a browser holds after signing in. */
export interface BenchUser {
  userId: string;
  cookie: string;
}

/** The `Cookie` header better-auth expects for a session token. */
export async function sessionCookie(token: string, secret = BENCH_SECRET): Promise<string> {
  return `${COOKIE_NAME}=${encodeURIComponent(`${token}.${await makeSignature(token, secret)}`)}`;
}

let passwordHash: Promise<string> | undefined;

/** Makes `count` users of `role`, each with a password login and a signed-in session. */
export async function makeUsers(
  sql: postgres.Sql,
  role: 'customer' | 'mechanic',
  count: number,
): Promise<BenchUser[]> {
  if (count === 0) return [];
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const rows = await sql<{ user_id: string; token: string }[]>`
    WITH made AS (
      INSERT INTO users (name, email, role)
      SELECT 'Bench ' || ${role}::text || ' ' || g,
             'bench-' || ${role}::text || '-' || gen_random_uuid() || '@example.test',
             ${role}::user_role
      FROM generate_series(1, ${count}::int) AS g
      RETURNING id
    ), logins AS (
      INSERT INTO auth_accounts (id, account_id, provider_id, user_id, password)
      SELECT gen_random_uuid()::text, id, 'credential', id, ${hash} FROM made
    )
    INSERT INTO auth_sessions (id, token, user_id, expires_at)
    SELECT gen_random_uuid()::text, replace(gen_random_uuid()::text, '-', ''), id, now() + interval '1 day'
    FROM made
    RETURNING user_id, token`;
  return Promise.all(
    rows.map(async (row) => ({ userId: row.user_id, cookie: await sessionCookie(row.token) })),
  );
}

/**
 * Signs a new user in through better-auth's endpoint and checks that the cookie it sets is the one
 * `sessionCookie` computes for that session's token: minted cookies are then real cookies.
 */
export async function checkMintedCookies(apiUrl: string, db: Database, sql: postgres.Sql): Promise<void> {
  const email = `bench-check-${randomUUID()}@example.test`;
  const { userId } = await createAccount(db, {
    email,
    name: 'Bench check',
    password: PASSWORD,
    role: 'customer',
  });
  const response = await fetch(`${apiUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: apiUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed: HTTP ${response.status} ${await response.text()}`);
  const real = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .find((cookie) => cookie.startsWith(`${COOKIE_NAME}=`));
  const [session] = await sql<{ token: string }[]>`SELECT token FROM auth_sessions WHERE user_id = ${userId}`;
  const minted = session ? await sessionCookie(session.token) : undefined;
  if (!real || real !== minted) {
    throw new Error(
      `minted cookies would not be better-auth's: it set ${real}, the bench computes ${minted}`,
    );
  }
}
