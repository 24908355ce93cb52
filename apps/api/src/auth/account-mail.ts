import { users, type Database } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { enqueueMail } from '@autodoctor/session-core';
import { USER_ROLES, type MailKind, type UserRole } from '@autodoctor/session-core/rules';
import { createHash } from 'node:crypto';
import type { Logger } from '../logger.ts';
import { RateLimitedError, type RateLimiter } from '../rate-limit/rate-limiter.ts';

/** Where each role's app is (the links in its account mail lead there). */
export type AppUrls = Record<UserRole, string>;

/** The app page a verification link comes back to: `?error=CODE` (better-auth's) when it failed. */
export const EMAIL_VERIFIED_PATH = '/email-verified';
/** The app page a reset (or invitation) link ends on, with `?token=…` or `?error=INVALID_TOKEN`. */
export const RESET_PASSWORD_PATH = '/reset-password';

const roleOf = (user: { role?: unknown }): UserRole =>
  USER_ROLES.find((role) => role === user.role) ?? 'customer';

/**
 * A reset (or invitation) link: better-auth's check of the token through the app's own origin,
 * which sends the opener to the app's page with `?token=…` while the token is good, else with
 * `?error=INVALID_TOKEN` (a spent or expired link says so at once, before any password is typed).
 */
export function resetPasswordUrl(appUrl: string, token: string, invited = false): string {
  const page = new URL(RESET_PASSWORD_PATH, appUrl);
  if (invited) page.searchParams.set('invited', '1');
  const url = new URL(`/api/auth/reset-password/${encodeURIComponent(token)}`, appUrl);
  url.searchParams.set('callbackURL', page.href);
  return url.href;
}

/** The token of a `resetPasswordUrl` link. */
export function resetTokenOf(link: string): string {
  return decodeURIComponent(new URL(link).pathname.split('/').at(-1) ?? '');
}

/**
 * better-auth's verify-email endpoint through the app's own origin (which forwards /api/auth with
 * its app header: the sign-in that follows a verification gets that app's cookie), coming back
 * to the app's page.
 */
export function verifyEmailUrl(appUrl: string, token: string): string {
  const url = new URL('/api/auth/verify-email', appUrl);
  url.searchParams.set('token', token);
  url.searchParams.set('callbackURL', new URL(EMAIL_VERIFIED_PATH, appUrl).href);
  return url.href;
}

type AccountMailKind = Extract<MailKind, 'verify_email' | 'reset_password' | 'change_email'>;

interface AuthUser {
  id: string;
  name: string;
  email: string;
  role?: unknown;
}

/**
 * better-auth's mail hooks, writing to our outbox (`enqueueMail`) with the API's own Drizzle
 * database: better-auth's adapter calls are not in a transaction of ours. Each hook is awaited
 * by better-auth, so the row is committed before it answers (sign-up's runs after its commit).
 * At most RATE_LIMIT_MAIL_PER_ADDRESS messages per kind and address: past it nothing is
 * written, better-auth answers exactly as before (nothing tells the caller), a warning is logged.
 */
export function accountMailHooks(deps: {
  db: Database;
  rateLimiter: RateLimiter;
  appUrls: AppUrls;
  log: Logger;
}) {
  const { db, rateLimiter, appUrls, log } = deps;

  /** Whether this address may get one more message of this kind now (counts it). */
  async function withinMailLimit(kind: AccountMailKind, address: string, userId: string) {
    const digest = createHash('sha256').update(address.toLowerCase()).digest('hex');
    try {
      await rateLimiter.consume(`mail:${kind}:${digest}`, rateLimiter.rules.mailPerAddress, kind);
      return true;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      log.warn({ kind, userId }, 'account mail: per-address limit reached, nothing sent');
      return false;
    }
  }

  return {
    sendResetPassword: async ({ user, token }: { user: AuthUser; token: string }) => {
      if (!(await withinMailLimit('reset_password', user.email, user.id))) return;
      await enqueueMail(db, {
        kind: 'reset_password',
        userId: user.id,
        payload: { name: user.name, url: resetPasswordUrl(appUrls[roleOf(user)], token) },
      });
    },

    /**
     * Sign-up's and "send the link again"'s verification, and the email change's: better-auth
     * calls this one hook for both, the latter with the NEW address as `user.email` (which is not
     * yet the account's): that one is a `change_email` to that address.
     */
    sendVerificationEmail: async ({ user, token }: { user: AuthUser; token: string }) => {
      const [account] = await db
        .select({ email: users.email, role: users.role })
        .from(users)
        .where(eq(users.id, user.id));
      if (!account) return;
      const url = verifyEmailUrl(appUrls[roleOf(account)], token);
      const newAddress = user.email.toLowerCase() !== account.email.toLowerCase();
      if (newAddress) {
        if (!(await withinMailLimit('change_email', user.email, user.id))) return;
        await enqueueMail(db, {
          kind: 'change_email',
          userId: user.id,
          toAddress: user.email,
          payload: { name: user.name, newEmail: user.email, url },
        });
        return;
      }
      if (!(await withinMailLimit('verify_email', user.email, user.id))) return;
      await enqueueMail(db, { kind: 'verify_email', userId: user.id, payload: { name: user.name, url } });
    },
  };
}
