import { users } from '@autodoctor/db';
import { and, eq, isNull } from '@autodoctor/db/orm';
import { MAIL_KINDS, setNotificationPreference } from '@autodoctor/session-core';
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { verifyUnsubscribeToken } from '../mail/unsubscribe-token.ts';
import { CLIENT_ADDRESS_HEADER, minutes, RateLimitedError } from '../rate-limit/rate-limiter.ts';
import type { ApiServices } from '../trpc/context.ts';
import { BODY_LIMITS, limitBody } from './body-limits.ts';

/** The errors of `/api/unsubscribe`, as JSON `{ code, message }`. */
export type UnsubscribeErrorCode =
  'INVALID_UNSUBSCRIBE_LINK' | 'NOT_FOUND' | 'TOO_MANY_REQUESTS' | 'BODY_TOO_LARGE';

export const INVALID_UNSUBSCRIBE_LINK_MESSAGE =
  'This unsubscribe link is not valid (it may have been cut short or changed). You can turn emails off on your account page.';

const fail = (
  c: Context,
  status: ContentfulStatusCode,
  code: UnsubscribeErrorCode,
  message: string,
  headers = {},
) => c.json({ code, message }, status, headers);

/** `alice@example.com` → `a***@example.com`: enough to recognise one's own, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * `/api/unsubscribe?token=…` (the token of `mail/unsubscribe-token.ts`), no sign-in:
 * - `GET`: what the link turns off, for the app's unsubscribe page: `{ kind, label, email }`;
 * - `POST`: turns it off (RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` from
 *   their servers, so there is no Origin to check; the page's button POSTs the same). Idempotent.
 * A malformed, tampered or foreign token is a 400 and changes nothing; an erased account a 404.
 * Both count against RATE_LIMIT_UNSUBSCRIBE_PER_IP.
 */
export function registerUnsubscribeRoutes(app: Hono, services: ApiServices) {
  const rule = services.rateLimiter.rules.unsubscribePerIp;

  /** The account and kind the request's token names, or the answer refusing it. */
  const resolve = async (c: Context) => {
    try {
      await services.rateLimiter.consume(
        `unsubscribe:ip:${c.req.header(CLIENT_ADDRESS_HEADER) ?? 'unknown'}`,
        rule,
        `Too many unsubscribe requests: at most ${rule.max} in ${minutes(rule.windowSeconds)}`,
      );
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return {
        refusal: fail(c, 429, 'TOO_MANY_REQUESTS', error.message, {
          'retry-after': String(error.retryAfterSeconds),
        }),
      };
    }
    const token = c.req.query('token');
    const named = token ? verifyUnsubscribeToken(services.config.BETTER_AUTH_SECRET, token) : undefined;
    if (!named)
      return { refusal: fail(c, 400, 'INVALID_UNSUBSCRIBE_LINK', INVALID_UNSUBSCRIBE_LINK_MESSAGE) };
    const [user] = await services.db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.id, named.userId), isNull(users.deletedAt)));
    if (!user) return { refusal: fail(c, 404, 'NOT_FOUND', 'This account no longer exists') };
    return { user, kind: named.kind };
  };

  app.get('/api/unsubscribe', async (c) => {
    const found = await resolve(c);
    if ('refusal' in found) return found.refusal;
    return c.json({
      kind: found.kind,
      label: MAIL_KINDS[found.kind].label,
      email: maskEmail(found.user.email),
    });
  });

  // The body (RFC 8058's `List-Unsubscribe=One-Click`, or the page's) is not needed: capped, left unread.
  app.post(
    '/api/unsubscribe',
    limitBody(BODY_LIMITS.auth, (c, message) => fail(c, 413, 'BODY_TOO_LARGE', message)),
    async (c) => {
      const found = await resolve(c);
      if ('refusal' in found) return found.refusal;
      await setNotificationPreference(services.db, found.user.id, {
        channel: 'email',
        kind: found.kind,
        enabled: false,
      });
      services.log.info({ userId: found.user.id, kind: found.kind }, 'unsubscribed');
      return c.json({ kind: found.kind, label: MAIL_KINDS[found.kind].label, unsubscribed: true });
    },
  );
}
