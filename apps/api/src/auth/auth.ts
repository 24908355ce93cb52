import { USER_ROLES } from '@autodoctor/session-core/rules';
import {
  authAccounts,
  authRateLimits,
  authSessions,
  authVerifications,
  users,
  type Database,
} from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import type { Logger } from '../logger.ts';
import { createAuthLogger, type AuthLogger } from './auth-logger.ts';
import {
  CLIENT_ADDRESS_HEADER,
  type RateLimiter,
  type RateRule,
  type RateRules,
} from '../rate-limit/rate-limiter.ts';
import { accountMailHooks, type AppUrls } from './account-mail.ts';

const rule = ({ max, windowSeconds }: RateRule) => ({ max, window: windowSeconds });

/** How long a password reset link works. */
export const RESET_PASSWORD_TOKEN_SECONDS = 60 * 60;

/** How long the signed copy of a session in a cookie (better-auth's cookie cache) is trusted. */
export const COOKIE_CACHE_MAX_AGE_SECONDS = 5 * 60;

export interface AuthOptions {
  db: Database;
  secret: string;
  /** Where browsers reach the API; better-auth lives under `/api/auth`. */
  baseUrl: string;
  /** Origins allowed to sign in (the SPAs). */
  trustedOrigins: string[];
  log: Logger;
  /** Where better-auth's lines go (auth-logger.ts); one per process, shared by every app's instance. */
  logger?: AuthLogger;
  /** The prefix of the session cookies' names (better-auth's own, `better-auth`, when absent). */
  cookiePrefix?: string | undefined;
  /** Limits on sign-in, sign-up and the rest, counted in the database (shared by every instance). */
  rateLimits: RateRules;
  /** Counts the mail each address is sent (`rateLimits.mailPerAddress`). */
  rateLimiter: RateLimiter;
  /** Each role's app: where the links in account mail lead. */
  appUrls: AppUrls;
  /**
   * Ends every sign-in of an account on every instance, resolving once this one knows
   * (`SessionRevocations.revokeSessions`): a reset's answer waits for it.
   */
  endSignInsOf?: (userId: string) => Promise<void>;
}

/**
 * Accounts: email + password, sessions in our Postgres (auth_sessions) behind an
 * httpOnly cookie. Anyone may sign up, always as a customer: `role` cannot be
 * set through the API (`input: false`); mechanics are made by `createAccount`.
 */
export function createAuth(options: AuthOptions) {
  const mail = accountMailHooks(options);
  return betterAuth({
    appName: 'AutoDoctor',
    baseURL: options.baseUrl,
    basePath: '/api/auth',
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: {
        user: users,
        session: authSessions,
        account: authAccounts,
        verification: authVerifications,
        rateLimit: authRateLimits,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      // Sign-up answers an existing address exactly as a new one (better-auth's generic duplicate
      // response, a password hashed all the same): it never tells whether an address has an
      // account. The app signs in right after, with the same email and password.
      autoSignIn: false,
      sendResetPassword: mail.sendResetPassword,
      resetPasswordTokenExpiresIn: RESET_PASSWORD_TOKEN_SECONDS,
      // A reset ends every sign-in of the account (migration 0008's triggers: on every instance at once).
      revokeSessionsOnPasswordReset: true,
      // The link came by email: the address is proven (an invited mechanic's as well).
      // better-auth has deleted the sessions by now; endSignInsOf makes the old cookies' signed
      // copies refused too, from the very next request.
      onPasswordReset: async ({ user }) => {
        await options.db.update(users).set({ emailVerified: true }).where(eq(users.id, user.id));
        await options.endSignInsOf?.(user.id);
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: mail.sendVerificationEmail,
    },
    session: {
      // A signed copy of the session in a second cookie spares every request a
      // database lookup (better-auth's suggested five minutes). A revoked session's
      // copy is refused all the same: SessionCache checks every answer against
      // the revocations every instance hears of (session-revocations.ts).
      cookieCache: { enabled: true, maxAge: COOKIE_CACHE_MAX_AGE_SECONDS },
    },
    user: {
      // The new address is verified first (a `change_email` to it); the old one works until then.
      changeEmail: { enabled: true },
      additionalFields: {
        role: { type: [...USER_ROLES], required: false, defaultValue: 'customer', input: false },
      },
    },
    advanced: {
      ...(options.cookiePrefix ? { cookiePrefix: options.cookiePrefix } : {}),
      // The client's address as the API determined it (http/client-address.ts), never as sent.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      // Origin and callback URLs are checked against trustedOrigins whatever the environment:
      // better-auth turns the check off by itself when NODE_ENV=test or TEST is set.
      disableOriginCheck: false,
    },
    // better-auth's own limiter, per client address and endpoint, in auth_rate_limits. Its 429
    // carries X-Retry-After; the HTTP app adds the standard Retry-After.
    rateLimit: {
      enabled: options.rateLimits.enabled,
      storage: 'database',
      modelName: 'rateLimit',
      window: options.rateLimits.authPerIp.windowSeconds,
      max: options.rateLimits.authPerIp.max,
      customRules: {
        '/sign-in/email': rule(options.rateLimits.signInPerIp),
        '/sign-up/email': rule(options.rateLimits.signUpPerIp),
        // The endpoints that send mail (each address is limited too: account-mail.ts).
        '/request-password-reset': rule(options.rateLimits.mailPerIp),
        '/send-verification-email': rule(options.rateLimits.mailPerIp),
        '/change-email': rule(options.rateLimits.mailPerIp),
        // Every page load asks who is signed in: a read, not worth counting.
        '/get-session': false,
      },
    },
    telemetry: { enabled: false },
    // Unexpected errors (the database down) go up to the HTTP app, which logs them through pino
    // (redacted) and answers a bare 500; better-auth would print them, bound values and all, to stderr.
    onAPIError: { throw: true },
    // Through pino (redacted); a client's mistakes are warnings, rate-limited (auth-logger.ts).
    logger: options.logger ?? createAuthLogger(options.log),
  });
}

export type Auth = ReturnType<typeof createAuth>;
