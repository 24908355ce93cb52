import type { Auth } from './auth.ts';

/** The signed-in user as the API sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: 'customer' | 'mechanic';
}

/**
 * Resolves a request's cookies to its user through better-auth, remembering
 * the answer for a few seconds per cookie header. better-auth verifies and
 * re-signs its cookies on every call, which cost about a quarter of the API's
 * CPU per intake; within the TTL the same cookies give the same user without
 * it. This widens nothing: better-auth's own cookie cache already trusts a
 * session for up to five minutes after it was revoked. Only signed-in answers are
 * kept, so a sign-in takes effect at once.
 */
export class SessionCache {
  readonly #entries = new Map<string, { user: SessionUser; until: number }>();

  constructor(
    private readonly auth: Auth,
    private readonly options: { ttlMs: number; maxEntries: number } = { ttlMs: 10_000, maxEntries: 10_000 },
  ) {}

  async userOf(headers: Headers): Promise<SessionUser | null> {
    const cookie = headers.get('cookie');
    if (!cookie) return null;
    const now = Date.now();
    const cached = this.#entries.get(cookie);
    if (cached && cached.until > now) return cached.user;

    const session = await this.auth.api.getSession({ headers });
    if (!session) {
      this.#entries.delete(cookie);
      return null;
    }
    const user: SessionUser = {
      id: session.user.id,
      email: session.user.email,
      name: session.user.name,
      role: session.user.role === 'mechanic' ? 'mechanic' : 'customer',
    };
    // Never beyond the session's own expiry.
    const until = Math.min(now + this.options.ttlMs, session.session.expiresAt.getTime());
    this.#entries.delete(cookie); // re-inserted last: the Map's order is the eviction order
    this.#entries.set(cookie, { user, until });
    if (this.#entries.size > this.options.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return user;
  }
}
