import type { UserRole } from '@autodoctor/session-core/rules';
import { createAuthLogger } from './auth-logger.ts';
import { createAuth, type Auth, type AuthOptions } from './auth.ts';
import { SessionCache } from './session-cache.ts';
import type { SessionRevocations } from './session-revocations.ts';

/**
 * The header each web app's proxy adds to every request it forwards to the API
 * (`/trpc/*`, `/api/auth/*`). Browsers share cookies across ports, so the
 * customer app (:5173), the mechanic app (:5174) and the operations console (:5175) share one cookie jar: each
 * app gets its own session cookies (its own prefix), and a person can be signed
 * in as a customer in one and as a mechanic in the other at once.
 */
export const CLIENT_APP_HEADER = 'x-autodoctor-app';

export const CLIENT_APPS = ['customer', 'mechanic', 'ops'] as const;
export type ClientApp = (typeof CLIENT_APPS)[number];

/** Who signs in at each app: anyone else is refused there (`WRONG_APP`). */
export const ROLE_OF_APP = {
  customer: 'customer',
  mechanic: 'mechanic',
  ops: 'operator',
} as const satisfies Record<ClientApp, UserRole>;

/** The session cookies' prefix per app (without the header: better-auth's default, `better-auth`). */
export const COOKIE_PREFIXES = {
  customer: 'autodoctor-customer',
  mechanic: 'autodoctor-mechanic',
  ops: 'autodoctor-ops',
} as const satisfies Record<ClientApp, string>;

/** Which app a request comes through; undefined without the header (or with an unknown value). */
export function clientAppOf(headers: Headers): ClientApp | undefined {
  const value = headers.get(CLIENT_APP_HEADER)?.trim().toLowerCase();
  return CLIENT_APPS.find((app) => app === value);
}

/** better-auth and the session cache of one cookie prefix. */
export interface AppAuth {
  auth: Auth;
  sessions: SessionCache;
}

/**
 * One better-auth instance per cookie prefix (same database, same secret),
 * chosen per request by {@link CLIENT_APP_HEADER}.
 */
export class AuthByApp {
  readonly default: AppAuth;
  readonly customer: AppAuth;
  readonly mechanic: AppAuth;
  readonly ops: AppAuth;
  /** Revoked sessions, for every app's cookies (one database, one set of sessions). */
  readonly revocations: SessionRevocations;

  constructor({
    revocations,
    ...options
  }: Omit<AuthOptions, 'cookiePrefix'> & { revocations: SessionRevocations }) {
    this.revocations = revocations;
    // One rate limit on better-auth's lines for the three instances.
    const logger = createAuthLogger(options.log);
    const build = (cookiePrefix?: string): AppAuth => {
      const auth = createAuth({
        ...options,
        logger,
        cookiePrefix,
        endSignInsOf: (userId) => revocations.revokeSessions({ userId }),
      });
      return { auth, sessions: new SessionCache(auth, revocations) };
    };
    this.default = build();
    this.customer = build(COOKIE_PREFIXES.customer);
    this.mechanic = build(COOKIE_PREFIXES.mechanic);
    this.ops = build(COOKIE_PREFIXES.ops);
  }

  of(app: ClientApp | undefined): AppAuth {
    return app ? this[app] : this.default;
  }

  /** The instance for a request's headers. */
  forRequest(headers: Headers): AppAuth {
    return this.of(clientAppOf(headers));
  }
}
