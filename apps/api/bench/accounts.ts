// Signed-in users for the bench, made in bulk: signing up or in through better-auth costs a scrypt
// hash each (tens of ms), so 1,000 mechanics and thousands of customers would take minutes. Instead
// one statement writes the users, their email + password logins (all with one hash of the same
// password) and a better-auth session each, and the cookie is signed here exactly as better-auth
// signs it (HMAC-SHA-256 of the token with the secret, as its own test-utils plugin does).
//
// A browser then holds more than the session token when better-auth's cookie cache is on
// (`session.cookieCache`): sign-in and get-session also set `better-auth.session_data`, which lets
// the server answer without reading the session from the database. So each minted session is read
// back once through `GET /api/auth/get-session`, and every cookie that sets is kept, as a browser
// keeps them. `checkMintedCookies` proves all this against a real sign-in before anything relies on it.
import type { Database } from '@autodoctor/db';
import { hashPassword, makeSignature } from 'better-auth/crypto';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type postgres from 'postgres';
import { createAccount } from '../src/auth/accounts.ts';
import { httpRequest } from './http-client.ts';

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret!';
const PASSWORD = 'bench password, not secret';
const COOKIE_NAME = 'better-auth.session_token';
/** get-session calls in flight while minted sessions are read back. */
const GET_SESSION_CONCURRENCY = 32;

/** A user with a live better-auth session: what a browser holds after signing in. */
export interface BenchUser {
  userId: string;
  /** The `Cookie` header: the session token, and whatever else better-auth set (its cookie cache). */
  cookie: string;
}

/** The `Cookie` header better-auth expects for a session token. */
export async function sessionCookie(token: string, secret = BENCH_SECRET): Promise<string> {
  return `${COOKIE_NAME}=${encodeURIComponent(`${token}.${await makeSignature(token, secret)}`)}`;
}

/** A `Cookie` header's name=value pairs, in order. */
function cookiePairs(cookie: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of cookie.split(';')) {
    const pair = part.trim();
    const equals = pair.indexOf('=');
    if (equals > 0) pairs.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  return pairs;
}

/**
 * The `Cookie` header after a response's `Set-Cookie` headers, as a browser keeps them: by name, a
 * later value replaces an earlier one (in its place); one set to expire (`Max-Age` ≤ 0, or an
 * `Expires` in the past) is dropped. (Path and domain do not matter here: all are `/` on one host.)
 */
export function applySetCookies(cookie: string, setCookies: readonly string[]): string {
  const jar = cookiePairs(cookie);
  for (const setCookie of setCookies) {
    const [pair = '', ...attributes] = setCookie.split(';');
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    let expired = false;
    let maxAgeSeen = false;
    for (const attribute of attributes) {
      const equalsAt = attribute.indexOf('=');
      const key = (equalsAt < 0 ? attribute : attribute.slice(0, equalsAt)).trim().toLowerCase();
      const value = equalsAt < 0 ? '' : attribute.slice(equalsAt + 1).trim();
      if (key === 'max-age') {
        maxAgeSeen = true;
        expired = Number(value) <= 0;
      } else if (key === 'expires' && !maxAgeSeen) {
        expired = Date.parse(value) <= Date.now();
      }
    }
    if (expired) jar.delete(name);
    else jar.set(name, pair.slice(equals + 1).trim());
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

const cookieNames = (cookie: string) => [...cookiePairs(cookie).keys()].sort();

/** Where minted sessions are read back: user i asks `apiUrls[i % apiUrls.length]`. */
export interface SessionSetup {
  apiUrls: readonly string[];
  /** Progress lines, every 250 users. */
  progress?: (line: string) => void;
}

/** better-auth's default `session.expiresIn`, until `checkMintedCookies` reads the API's own. */
let sessionLifetimeSeconds = 7 * 24 * 60 * 60;
let passwordHash: Promise<string> | undefined;

/**
 * Makes `count` users of `role`, each with a password login and a signed-in session, which each
 * has read back once through get-session (see `completeSessions`).
 */
export async function makeUsers(
  sql: postgres.Sql,
  role: 'customer' | 'mechanic',
  count: number,
  setup: SessionSetup,
): Promise<BenchUser[]> {
  if (count === 0) return [];
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  // Sessions as long as sign-in makes them: a shorter one would be extended (an UPDATE) on first use.
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
    SELECT gen_random_uuid()::text, replace(gen_random_uuid()::text, '-', ''), id,
           now() + make_interval(secs => ${sessionLifetimeSeconds}::double precision)
    FROM made
    RETURNING user_id, token`;
  const minted = await Promise.all(
    rows.map(async (row) => ({ userId: row.user_id, cookie: await sessionCookie(row.token) })),
  );
  return completeSessions(minted, setup);
}

/** The user id in a get-session answer (`{ session, user }`, or `null` without a session). */
function sessionUserId(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { user?: { id?: string } } | null)?.user?.id;
  } catch {
    return undefined;
  }
}

/** One get-session with the user's cookies: checks it is that user's, and keeps what it sets. */
async function readBack(apiUrl: string, user: BenchUser, agent: http.Agent): Promise<BenchUser> {
  const send = () =>
    httpRequest(`${apiUrl}/api/auth/get-session`, { agent, headers: { cookie: user.cookie } });
  // A reset or hang-up (ECONNRESET both) ended whole runs on a busy machine, a keep-alive socket
  // closed as it was reused, it seems. The GET changes nothing: it is sent again once.
  const reply = await send().catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
    return send();
  });
  if (reply.status !== 200 || sessionUserId(reply.body) !== user.userId) {
    throw new Error(
      `get-session at ${apiUrl} did not answer with the minted session's user: ` +
        `HTTP ${reply.status} ${reply.body.slice(0, 300)}`,
    );
  }
  return { ...user, cookie: applySetCookies(user.cookie, reply.headers['set-cookie'] ?? []) };
}

/**
 * Reads each user's session back once through `GET /api/auth/get-session` (GET_SESSION_CONCURRENCY
 * at a time, spread over `setup.apiUrls`) and merges every cookie it sets into the user's cookie
 * header, as a browser does after loading the app. With better-auth's cookie cache that adds
 * `better-auth.session_data`; without, the cookie header stays as it was. Every session is checked
 * on the way: the server must answer with that user.
 */
export async function completeSessions(users: BenchUser[], setup: SessionSetup): Promise<BenchUser[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: GET_SESSION_CONCURRENCY });
  const completed: BenchUser[] = new Array<BenchUser>(users.length);
  let next = 0;
  let done = 0;
  let failed = false;
  try {
    await Promise.all(
      Array.from({ length: Math.min(GET_SESSION_CONCURRENCY, users.length) }, async () => {
        for (let index = next++; index < users.length && !failed; index = next++) {
          try {
            completed[index] = await readBack(
              setup.apiUrls[index % setup.apiUrls.length]!,
              users[index]!,
              agent,
            );
          } catch (error) {
            failed = true;
            throw error;
          }
          done++;
          if (setup.progress && (done % 250 === 0 || done === users.length)) {
            setup.progress(`  ${done}/${users.length} sessions read back through get-session`);
          }
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return completed;
}

/** What `checkMintedCookies` found. */
export interface MintedCookieCheck {
  /** The cookies a browser holds after signing in, and the bench's users hold too. */
  cookieNames: string[];
  /** Whether the API answers get-session from the `session_data` cookie alone (its cookie cache). */
  cookieCache: boolean;
}

/**
 * Signs a new user in through better-auth's endpoint and checks that the bench's users are made
 * alike: the session-token cookie it sets is the one `sessionCookie` computes for that session's
 * token; a minted session, once read back through get-session (at each of `apiUrls`), holds the
 * same cookies as the signed-in browser, and the server takes them as they are (it neither
 * replaces nor expires any, which it would do to a cookie cache it rejects). Minted sessions from
 * here on last as long as this sign-in's. Also finds whether the cookie cache is in use: with the
 * user renamed in the database, get-session must still answer with the name in the cookie.
 */
export async function checkMintedCookies(
  apiUrls: readonly string[],
  db: Database,
  sql: postgres.Sql,
): Promise<MintedCookieCheck> {
  const [apiUrl] = apiUrls;
  if (!apiUrl) throw new Error('checkMintedCookies needs an API instance');
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
  const browser = applySetCookies('', response.headers.getSetCookie());
  const real = `${COOKIE_NAME}=${cookiePairs(browser).get(COOKIE_NAME)}`;
  const [session] = await sql<{ token: string; lifetime: number }[]>`
    SELECT token, extract(epoch FROM expires_at - created_at)::float8 AS lifetime
    FROM auth_sessions WHERE user_id = ${userId}`;
  const minted = session ? await sessionCookie(session.token) : undefined;
  if (real !== minted) {
    throw new Error(
      `minted cookies would not be better-auth's: it set ${real}, the bench computes ${minted}`,
    );
  }
  sessionLifetimeSeconds = Math.round(session!.lifetime);

  const [user] = await makeUsers(sql, 'customer', 1, { apiUrls: apiUrls.slice(0, 1) });
  if (cookieNames(user!.cookie).join() !== cookieNames(browser).join()) {
    throw new Error(
      `a minted session read back through get-session holds the cookies ${cookieNames(user!.cookie).join(', ')}; ` +
        `a browser signed in holds ${cookieNames(browser).join(', ')}`,
    );
  }
  const agent = new http.Agent({ keepAlive: false });
  try {
    for (const url of apiUrls) {
      const again = await readBack(url, user!, agent);
      if (again.cookie !== user!.cookie) {
        throw new Error(
          `the API at ${url} changed a minted session's cookies on a second get-session: ` +
            `${user!.cookie} became ${again.cookie}`,
        );
      }
    }
    // Renamed in the database: an answer with the old name came from the cookie. (Deleting the
    // session would revoke it, and the API refuses its cookie as soon as the revocation arrives.)
    const renamed = 'Bench check, renamed';
    await sql`UPDATE users SET name = ${renamed} WHERE id = ${user!.userId}`;
    const reply = await httpRequest(`${apiUrl}/api/auth/get-session`, {
      agent,
      headers: { cookie: user!.cookie },
    });
    if (reply.status !== 200 || sessionUserId(reply.body) !== user!.userId) {
      throw new Error(`get-session after a rename: HTTP ${reply.status} ${reply.body.slice(0, 300)}`);
    }
    const { user: answered } = JSON.parse(reply.body) as { user: { name?: string } };
    return { cookieNames: cookieNames(browser), cookieCache: answered.name !== renamed };
  } finally {
    agent.destroy();
  }
}
