// One-click unsubscribe links (RFC 8058): a token naming a person and a kind of optional email,
// signed with the auth secret, so that following it needs no sign-in and cannot be forged.
import { isOptionalMailKind, type OptionalMailKind } from '@autodoctor/session-core/rules';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Longer than any token we make (a user id is ≤ 64 characters); longer ones are refused unread. */
export const UNSUBSCRIBE_TOKEN_MAX_LENGTH = 256;

/** What the token is for, in the signed text: a MAC of this secret means nothing elsewhere. */
const PURPOSE = 'autodoctor-unsubscribe-v1';

function mac(secret: string, userId: string, kind: string): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}\0${userId}\0${kind}`).digest();
}

/** `<user id, base64url>.<kind>.<HMAC-SHA256, base64url>`; no expiry: the link in an old email works. */
export function unsubscribeToken(secret: string, userId: string, kind: OptionalMailKind): string {
  const user = Buffer.from(userId).toString('base64url');
  return `${user}.${kind}.${mac(secret, userId, kind).toString('base64url')}`;
}

/** Who and what a valid token names; undefined for anything else (malformed, tampered, another secret's). */
export function verifyUnsubscribeToken(
  secret: string,
  token: string,
): { userId: string; kind: OptionalMailKind } | undefined {
  if (token.length > UNSUBSCRIBE_TOKEN_MAX_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [user, kind, signature] = parts as [string, string, string];
  if (!isOptionalMailKind(kind) || !/^[A-Za-z0-9_-]+$/.test(user) || !/^[A-Za-z0-9_-]{43}$/.test(signature))
    return undefined;
  const userId = Buffer.from(user, 'base64url').toString();
  // Constant time: a caller learns nothing of the MAC from how long a wrong one took to refuse.
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, userId, kind);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { userId, kind };
}

export interface UnsubscribeLinkBase {
  /** The auth secret (BETTER_AUTH_SECRET). */
  secret: string;
  /** Where browsers and mail servers reach the API (its public URL). */
  apiUrl: string;
  /** The recipient's app (customer or mechanic), which has the unsubscribe page. */
  appUrl: string;
}

/**
 * `oneClick`: the API's endpoint, for `List-Unsubscribe` (a mail client POSTs it);
 * `page`: the app's page that says what will be turned off, for the link in the message.
 */
export function unsubscribeUrls(
  base: UnsubscribeLinkBase,
  userId: string,
  kind: OptionalMailKind,
): { oneClick: string; page: string } {
  const token = encodeURIComponent(unsubscribeToken(base.secret, userId, kind));
  return {
    oneClick: `${base.apiUrl}/api/unsubscribe?token=${token}`,
    page: `${base.appUrl}/unsubscribe?token=${token}`,
  };
}
