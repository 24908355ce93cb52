import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditWorth, quoteBonusCents, referralFeeCents } from './earnings.ts';
import { divideRoundHalfEven, dollarsToCents, shareOfCents } from './money.ts';

/** The reference: exact rational arithmetic in BigInt, rounding ties to even. */
function referenceHalfEven(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let quotient = n / denominator;
  const remainder = n % denominator;
  if (2n * remainder > denominator || (2n * remainder === denominator && quotient % 2n === 1n))
    quotient += 1n;
  return negative ? -quotient : quotient;
}

describe('divideRoundHalfEven', () => {
  it('rounds ties to the even neighbour', () => {
    expect([1, 3, 5, 7, -1, -3].map((n) => divideRoundHalfEven(n, 2))).toEqual([0, 2, 2, 4, 0, -2]);
    expect(divideRoundHalfEven(149, 100)).toBe(1);
    expect(divideRoundHalfEven(151, 100)).toBe(2);
  });

  it('matches exact rational rounding for any cents and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (numerator, denominator) => {
          expect(divideRoundHalfEven(numerator, denominator)).toBe(
            Number(referenceHalfEven(BigInt(numerator), BigInt(denominator))),
          );
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('refuses what it cannot compute exactly', () => {
    expect(() => divideRoundHalfEven(1.5, 2)).toThrow(RangeError);
    expect(() => divideRoundHalfEven(1, 0)).toThrow(RangeError);
    expect(() => divideRoundHalfEven(2 ** 60, 3)).toThrow(RangeError);
  });
});

describe('the earning rates', () => {
  it('are 2 % and 5 %, rounded half-even to the cent', () => {
    expect(referralFeeCents(2900)).toBe(58);
    expect(referralFeeCents(25)).toBe(0); // 0.5 → 0
    expect(referralFeeCents(75)).toBe(2); // 1.5 → 2
    expect(quoteBonusCents(10_000)).toBe(500);
    expect(quoteBonusCents(30)).toBe(2); // 1.5 → 2
    expect(quoteBonusCents(50)).toBe(2); // 2.5 → 2
  });

  it('equal the reference share of any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (cents) => {
        expect(referralFeeCents(cents)).toBe(Number(referenceHalfEven(BigInt(cents) * 200n, 10_000n)));
        expect(quoteBonusCents(cents)).toBe(Number(referenceHalfEven(BigInt(cents) * 500n, 10_000n)));
        expect(shareOfCents(cents, 10_000)).toBe(cents);
      }),
    );
  });

  it('price a credit from its pack, rounding the fee once', () => {
    expect(creditWorth({ amountCents: 7500, credits: 3 })).toEqual({
      worthCents: 2500,
      referralFeeCents: 50,
    });
    expect(creditWorth({ amountCents: 11_900, credits: 5 })).toEqual({
      worthCents: 2380,
      referralFeeCents: 48,
    });
    expect(creditWorth({ amountCents: 21_900, credits: 10 })).toEqual({
      worthCents: 2190,
      referralFeeCents: 44,
    });
    // 1000 / 3 = 333.33…: the fee is 2 % of the exact worth (6.666… → 7), not of 333 (6.66 → 7 too).
    expect(creditWorth({ amountCents: 1000, credits: 3 })).toEqual({ worthCents: 333, referralFeeCents: 7 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 10 }),
        (amountCents, packCredits, credits) => {
          const { referralFeeCents: fee } = creditWorth({ amountCents, credits: packCredits }, credits);
          expect(fee).toBe(
            Number(referenceHalfEven(BigInt(amountCents * credits) * 200n, BigInt(packCredits) * 10_000n)),
          );
        },
      ),
    );
  });
});

describe('dollarsToCents', () => {
  it('reads dollars with up to two decimals exactly', () => {
    expect(dollarsToCents('12.34')).toBe(1234);
    expect(dollarsToCents(' 12.3 ')).toBe(1230);
    expect(dollarsToCents('0.01')).toBe(1);
    expect(dollarsToCents('0')).toBe(0);
    expect(dollarsToCents('999999999.99')).toBe(99_999_999_999);
    // 0.1 + 0.2 in floating point is not 0.3: the cents come from the digits.
    expect(dollarsToCents('0.29')).toBe(29);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '-1', '1e3', '12.345', '12,34', '$12', '1234567890', '.5', '12.', 'NaN'])
      expect(dollarsToCents(bad)).toBeNull();
  });
});
