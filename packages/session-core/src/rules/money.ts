/** Basis points in one whole (100 % = 10,000 bps). */
export const BPS_PER_WHOLE = 10_000;

/**
 * `numerator / denominator` rounded to the nearest integer, ties to the even one
 * (banker's rounding: 0.5 → 0, 1.5 → 2, 2.5 → 2, −0.5 → 0). Exact for any integers
 * whose product stays below 2^53 (everything in cents here); the denominator must be > 0.
 */
export function divideRoundHalfEven(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`divideRoundHalfEven needs safe integers and a positive denominator`);
  }
  const quotient = Math.floor(numerator / denominator);
  const twiceRemainder = 2 * (numerator - quotient * denominator);
  if (twiceRemainder > denominator) return quotient + 1;
  if (twiceRemainder < denominator) return quotient;
  return quotient % 2 === 0 ? quotient : quotient + 1;
}

/** `amountCents × rateBps / 10,000`, rounded half-even to the cent. */
export function shareOfCents(amountCents: number, rateBps: number): number {
  return divideRoundHalfEven(amountCents * rateBps, BPS_PER_WHOLE);
}

/**
 * Dollars and cents as a person types them (`12.34`, `12.3`, `12`) to integer cents, exactly (no
 * floating point), or null for anything else (`-1`, `1e3`, `12.345`, `12,34`, more than 9 digits).
 */
export function dollarsToCents(text: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null;
}
