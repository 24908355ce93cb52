import { USER_ROLES, type UserRole } from '@autodoctor/session-core/rules';
import { getCookieCache, getSessionCookie, parseCookies } from 'better-auth/cookies';
import type { Auth } from './auth.ts';
import { verifyCompactCookieCache } from './compact-cookie-cache.ts';
import { tokenDigest, type SessionIdentity, type SessionRevocations } from './session-revocations.ts';

/** The signed-in user as the API sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/** What `getCookieCache` needs to read this instance's session_data cookie. */
interface CookieCacheConfig {
  secret: string;
  cookiePrefix: string;
  isSecure: boolean;
  /** The session_data cookie's full name, e.g. __Secure-autodoctor-customer.session_data */
  name: string;
}

/**
 * Resolves a request's cookies to its user, remembering the answer for a few seconds per cookie
 * header. A cookie header not remembered is read first from the signed `session_data` cookie of
 * better-auth's cookie cache, as its `getCookieCache` reads it (compact-cookie-cache.ts: one HMAC,
 * no database, none of the endpoint pipeline that `auth.api.getSession` runs per call), checked
 * against the session token cookie as `get-session` checks it; without a valid cookie cache (none,
 * expired, another session's) through `auth.api.getSession`. An answer read from the signed
 * cookie is kept until that cookie expires (a mechanic connected to the queue feed accepts without
 * a second HMAC), one from the database for `ttlMs`. Only signed-in answers are kept, so a sign-in
 * takes effect at once.
 *
 * Revocations (sign-out, a revoked session, all of a user's sessions) reach every instance through
 * `SessionRevocations` (a NOTIFY, kept in memory): every answer, remembered or read from the
 * cookie, is checked against them (two Map lookups, no database round trip), so a revoked session
 * is refused on its next request, however long its signed cookie would still be valid.
 */
export class SessionCache {
  readonly #entries = new Map<string, { user: SessionUser; until: number; session: SessionIdentity }>();
  #cookieCache: Promise<CookieCacheConfig | undefined> | undefined;

  constructor(
    private readonly auth: Auth,
    private readonly revocations: SessionRevocations,
    /** `ttlMs`: how long an answer from the database (not from the signed cookie) is kept. */
    private readonly options: { ttlMs: number; maxEntries: number } = { ttlMs: 10_000, maxEntries: 10_000 },
  ) {}

  async userOf(headers: Headers): Promise<SessionUser | null> {
    const cookie = headers.get('cookie');
    if (!cookie) return null;
    const now = Date.now();
    const cached = this.#entries.get(cookie);
    if (cached && cached.until > now) {
      if (!this.revocations.isRevoked(cached.session)) return cached.user;
      this.#entries.delete(cookie);
      return null;
    }

    let found = await this.#fromCookieCache(headers);
    // A revoked session's signed copy is refused, and better-auth is not asked: it would answer
    // from the same cookie.
    if (found === 'revoked') {
      this.#entries.delete(cookie);
      return null;
    }
    let until = found?.expiresAt.getTime();
    if (!found) {
      const session = await this.auth.api.getSession({ headers });
      found = session
        ? {
            user: toSessionUser(session.user),
            expiresAt: session.session.expiresAt,
            session: {
              tokenDigest: tokenDigest(session.session.token),
              userId: session.user.id,
              createdAt: session.session.createdAt.getTime(),
            },
          }
        : undefined;
      if (found && this.revocations.isRevoked(found.session)) found = undefined;
      // Never beyond the session's own expiry.
      if (found) until = Math.min(now + this.options.ttlMs, found.expiresAt.getTime());
    }
    if (!found || until === undefined) {
      this.#entries.delete(cookie);
      return null;
    }
    const { user, session } = found;
    this.#entries.delete(cookie); // re-inserted last: the Map's order is the eviction order
    this.#entries.set(cookie, { user, until, session });
    if (this.#entries.size > this.options.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return user;
  }

  /** The session of a request's cookies (as `userOf` resolves them), or undefined when signed out. */
  async sessionOf(headers: Headers): Promise<SessionIdentity | undefined> {
    if (!(await this.userOf(headers))) return undefined;
    return this.#entries.get(headers.get('cookie') ?? '')?.session;
  }

  /**
   * Removes a revoked session's signed copy (the session_data cookie) from a request's headers, so
   * that better-auth, which trusts that cookie for its five minutes, looks the session up instead
   * (and finds it gone): every `/api/auth/*` request goes through this.
   */
  async dropRevokedCookieCache(headers: Headers): Promise<void> {
    if ((await this.#fromCookieCache(headers)) !== 'revoked') return;
    const config = await this.#cookieCache;
    if (!config) return;
    const kept = (headers.get('cookie') ?? '').split(';').filter((pair) => {
      const name = pair.slice(0, pair.indexOf('=')).trim();
      return name !== config.name && !name.startsWith(`${config.name}.`); // chunks: name.0, name.1…
    });
    headers.set('cookie', kept.join(';'));
  }

  /**
   * The user of a valid cookie cache whose session token the request also carries; 'revoked' when
   * that session was revoked; else undefined.
   */
  async #fromCookieCache(
    headers: Headers,
  ): Promise<{ user: SessionUser; expiresAt: Date; session: SessionIdentity } | 'revoked' | undefined> {
    this.#cookieCache ??= this.auth.$context.then((context) => {
      if (context.options.session?.cookieCache?.enabled !== true) return undefined;
      const name = context.authCookies.sessionData.name; // e.g. __Secure-autodoctor-customer.session_data
      const isSecure = name.startsWith('__Secure-');
      const unprefixed = isSecure ? name.slice('__Secure-'.length) : name;
      return {
        secret: context.secret,
        cookiePrefix: unprefixed.slice(0, unprefixed.lastIndexOf('.session_data')),
        isSecure,
        name,
      };
    });
    const config = await this.#cookieCache;
    if (!config) return undefined;
    // The same check as better-auth's, synchronous (compact-cookie-cache.ts); anything it does not
    // take (a cookie in chunks, say) is better-auth's to decide.
    const cookie = parseCookies(headers.get('cookie') ?? '').get(config.name);
    const verified =
      (cookie === undefined ? undefined : verifyCompactCookieCache(cookie, config.secret)) ??
      (await this.#fromGetCookieCache(headers, config));
    if (!verified) return undefined;
    const { payload, validUntil } = verified;
    // The token cookie is `token.signature`; the signed payload names the token it was made for.
    const tokenCookie = getSessionCookie(headers, { cookiePrefix: config.cookiePrefix });
    const token = tokenCookie ? decodeURIComponent(tokenCookie).split('.')[0] : undefined;
    if (!token || token !== payload.session.token) return undefined;
    const session: SessionIdentity = {
      tokenDigest: tokenDigest(token),
      userId: payload.user.id,
      createdAt: createdAtOf(payload.session),
    };
    if (this.revocations.isRevoked(session)) return 'revoked';
    return { user: toSessionUser(payload.user), expiresAt: new Date(validUntil), session };
  }

  /**
   * better-auth's own reading. It does not say when its cookie stops being valid, so the answer is
   * kept as briefly as a database answer.
   */
  async #fromGetCookieCache(headers: Headers, config: CookieCacheConfig) {
    const payload = await getCookieCache(headers, { ...config, strategy: 'compact' });
    if (!payload) return undefined;
    const validUntil = Math.min(
      new Date(payload.session.expiresAt).getTime(),
      Date.now() + this.options.ttlMs,
    );
    return { payload, validUntil };
  }
}

/**
 * When a cookie's session was created (ms); without a readable date, before any revocation of its
 * user (so such a revocation refuses it).
 */
function createdAtOf(session: object): number {
  const createdAt = 'createdAt' in session ? session.createdAt : undefined;
  const ms = typeof createdAt === 'string' || createdAt instanceof Date ? new Date(createdAt).getTime() : NaN;
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY;
}

type SessionUserFields = { id: string; email: string; name: string; role?: unknown };

function toSessionUser(user: SessionUserFields): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    // The column is an enum with a default; anything else would be a bug, and gets the least access.
    role: USER_ROLES.find((role) => role === user.role) ?? 'customer',
  };
}
