import { z } from 'zod';

/**
 * zod's own UUID pattern (what `z.uuid()` checks: versions 1–8, RFC variants, nil and max),
 * compiled once: a `safeParse` per call cost an accept more than the check is worth.
 */
const UUID_PATTERN = z.regexes.uuid();

/** True for a well-formed UUID; anything else cannot name a session or an assignment. */
export function isUuid(value: string): boolean {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
