import { getCookieCache, getSessionCookie } from 'better-auth/cookies';
import type { Auth } from './auth.ts';

/** The signed-in user as the API sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: 'customer' | 'mechanic';
}

/** What `getCookieCache` needs to read this instance's session_data cookie. */
interface CookieCacheConfig {
  secret: string;
  cookiePrefix: string;
  isSecure: boolean;
}

/**
 * Resolves a request's cookies to its user, remembering the answer for a few seconds per cookie
 * header. A cookie header not remembered is read first as better-auth's own `getCookieCache` reads
 * it (its helper for middleware: the signed `session_data` cookie of its cookie cache, one HMAC, no
 * database, none of the endpoint pipeline that `auth.api.getSession` runs per call), checked
 * against the session token cookie as `get-session` checks it; without a valid cookie cache (none,
 * expired, another session's) through `auth.api.getSession`. This widens nothing: `get-session`
 * itself answers from the same cookie for its five minutes, however the session was revoked
 * meanwhile. So an answer read from the signed cookie is kept as long as that cookie is valid (a
 * mechanic connected to the queue feed accepts without a second HMAC), one from the database for
 * `ttlMs`. Only signed-in answers are kept, so a sign-in takes effect at once.
 */
export class SessionCache {
  readonly #entries = new Map<string, { user: SessionUser; until: number }>();
  #cookieCache: Promise<CookieCacheConfig | undefined> | undefined;

  constructor(
    private readonly auth: Auth,
    /** `ttlMs`: how long an answer from the database (not from the signed cookie) is kept. */
    private readonly options: { ttlMs: number; maxEntries: number } = { ttlMs: 10_000, maxEntries: 10_000 },
  ) {}

  async userOf(headers: Headers): Promise<SessionUser | null> {
    const cookie = headers.get('cookie');
    if (!cookie) return null;
    const now = Date.now();
    const cached = this.#entries.get(cookie);
    if (cached && cached.until > now) return cached.user;

    let found = await this.#fromCookieCache(headers);
    let until = found?.expiresAt.getTime();
    if (!found) {
      const session = await this.auth.api.getSession({ headers });
      found = session
        ? { user: toSessionUser(session.user), expiresAt: session.session.expiresAt }
        : undefined;
      // Never beyond the session's own expiry.
      if (found) until = Math.min(now + this.options.ttlMs, found.expiresAt.getTime());
    }
    if (!found || until === undefined) {
      this.#entries.delete(cookie);
      return null;
    }
    const { user } = found;
    this.#entries.delete(cookie); // re-inserted last: the Map's order is the eviction order
    this.#entries.set(cookie, { user, until });
    if (this.#entries.size > this.options.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return user;
  }

  /** The user of a valid cookie cache whose session token the request also carries, else undefined. */
  async #fromCookieCache(headers: Headers): Promise<{ user: SessionUser; expiresAt: Date } | undefined> {
    this.#cookieCache ??= this.auth.$context.then((context) => {
      if (context.options.session?.cookieCache?.enabled !== true) return undefined;
      const name = context.authCookies.sessionData.name; // e.g. __Secure-autodoctor-customer.session_data
      const isSecure = name.startsWith('__Secure-');
      const unprefixed = isSecure ? name.slice('__Secure-'.length) : name;
      return {
        secret: context.secret,
        cookiePrefix: unprefixed.slice(0, unprefixed.lastIndexOf('.session_data')),
        isSecure,
      };
    });
    const config = await this.#cookieCache;
    if (!config) return undefined;
    const payload = await getCookieCache(headers, { ...config, strategy: 'compact' });
    if (!payload) return undefined;
    // The token cookie is `token.signature`; the signed payload names the token it was made for.
    const tokenCookie = getSessionCookie(headers, { cookiePrefix: config.cookiePrefix });
    const token = tokenCookie ? decodeURIComponent(tokenCookie).split('.')[0] : undefined;
    if (!token || token !== payload.session.token) return undefined;
    // Until the cookie cache or the session expires, whichever is first (getCookieCache checked both).
    const expiresAt = new Date(Math.min(new Date(payload.session.expiresAt).getTime(), cacheExpiry(payload)));
    return { user: toSessionUser(payload.user), expiresAt };
  }
}

/** When a cookie cache payload stops being valid (its `expiresAt`, when it has one). */
function cacheExpiry(payload: object): number {
  const expiresAt = (payload as { expiresAt?: unknown }).expiresAt;
  return typeof expiresAt === 'number' ? expiresAt : Number.POSITIVE_INFINITY;
}

function toSessionUser(user: { id: string; email: string; name: string; role?: unknown }): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role === 'mechanic' ? 'mechanic' : 'customer',
  };
}
