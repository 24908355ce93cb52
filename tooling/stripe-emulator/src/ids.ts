import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Stripe-looking test-mode id, e.g. `cs_test_a1B2…`: prefix plus 24 random base62 characters. */
export function newId(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 24; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}_test_${suffix}`;
}

/** Stripe timestamps are whole unix seconds. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
