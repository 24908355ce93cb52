import { createHash, timingSafeEqual } from 'node:crypto';
import type { Partner } from './config.ts';

// A key is printable ASCII without spaces; anything longer than this is not one of ours. The
// scheme is case-insensitive (RFC 9110).
const BEARER = /^Bearer ([\x21-\x7e]{1,200})$/i;

/**
 * The partner whose key the `Authorization: Bearer <key>` header carries, or undefined. The key is
 * hashed and compared with every partner's hash in constant time (no early exit on a match), so
 * neither the comparison nor the position of the match tells anything about the keys. Keys are
 * 256-bit random values, so a plain SHA-256 (no salt, no slow hash) is enough to store them.
 */
export function authenticate(header: string | undefined, partners: readonly Partner[]): Partner | undefined {
  const match = BEARER.exec(header ?? '');
  if (!match) return undefined;
  const presented = createHash('sha256').update(match[1]!, 'utf8').digest();
  let found: Partner | undefined;
  for (const partner of partners) {
    if (timingSafeEqual(presented, partner.keyHash) && !found) found = partner;
  }
  return found;
}
