import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approvedTotalCents,
  computeQuoteTotals,
  QUOTE_LIMITS,
  quoteDraftSchema,
  signatureNameSchema,
  type QuoteLineInput,
} from './quotes.ts';

/** Exact rational rounding, ties to even, in BigInt: the reference the totals are checked against. */
function halfEven(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let quotient = n / denominator;
  const remainder = n % denominator;
  if (2n * remainder > denominator || (2n * remainder === denominator && quotient % 2n === 1n))
    quotient += 1n;
  return negative ? -quotient : quotient;
}

const line = fc.record({
  kind: fc.constantFrom('part', 'labour', 'fee', 'discount') as fc.Arbitrary<QuoteLineInput['kind']>,
  quantityMilli: fc.integer({ min: 1, max: QUOTE_LIMITS.quantityMilliMax }),
  unitPriceCents: fc.integer({ min: 0, max: QUOTE_LIMITS.unitPriceCentsMax }),
});
const quote = fc.record({
  taxRateBps: fc.integer({ min: 0, max: QUOTE_LIMITS.taxRateBpsMax }),
  lines: fc.array(line, { minLength: 1, maxLength: QUOTE_LIMITS.linesMax }),
});

const valid = {
  taxRateBps: 825,
  workshopName: 'Main Street Garage',
  workshopAddress: '1 Main Street\nSpringfield',
  lines: [{ kind: 'part', description: 'Front brake pads', quantityMilli: 2000, unitPriceCents: 4_550 }],
} as const;

describe('computeQuoteTotals', () => {
  it('computes a worked example: 1.5 h labour at $95.00, pads, a discount, 8.25 % tax', () => {
    const totals = computeQuoteTotals({
      taxRateBps: 825,
      lines: [
        { kind: 'labour', quantityMilli: 1500, unitPriceCents: 9_500 },
        { kind: 'part', quantityMilli: 2000, unitPriceCents: 4_550 },
        { kind: 'discount', quantityMilli: 1000, unitPriceCents: 1_000 },
      ],
    });
    expect(totals).toEqual({
      lines: [
        // 142.50 × 8.25 % = 11.75625 → 11.76
        { amountCents: 14_250, taxCents: 1_176, totalCents: 15_426 },
        // 91.00 × 8.25 % = 7.5075 → 7.51
        { amountCents: 9_100, taxCents: 751, totalCents: 9_851 },
        // −10.00 × 8.25 % = −0.825 → −0.82 (a tie of thousandths does not arise: plain rounding)
        { amountCents: -1_000, taxCents: -82, totalCents: -1_082 },
      ],
      subtotalCents: 22_350,
      taxCents: 1_845,
      totalCents: 24_195,
    });
  });

  it('rounds a line half-even, once: 0.5 cent → 0, 1.5 cents → 2', () => {
    const of = (quantityMilli: number, unitPriceCents: number) =>
      computeQuoteTotals({ taxRateBps: 0, lines: [{ kind: 'part', quantityMilli, unitPriceCents }] })
        .totalCents;
    expect([of(500, 1), of(1500, 1), of(2500, 1), of(1, 499)]).toEqual([0, 2, 2, 0]);
    // A zero discount is 0, not −0.
    expect(
      Object.is(
        computeQuoteTotals({
          taxRateBps: 0,
          lines: [{ kind: 'discount', quantityMilli: 1, unitPriceCents: 0 }],
        }).lines[0]!.amountCents,
        0,
      ),
    ).toBe(true);
  });

  it('matches exact arithmetic line by line, and the quote is the sum of its lines', () => {
    fc.assert(
      fc.property(quote, (q) => {
        const totals = computeQuoteTotals(q);
        q.lines.forEach((l, i) => {
          const magnitude = halfEven(BigInt(l.quantityMilli) * BigInt(l.unitPriceCents), 1000n);
          const amount = l.kind === 'discount' ? -magnitude : magnitude;
          const tax = halfEven(amount * BigInt(q.taxRateBps), 10_000n);
          expect(totals.lines[i]).toEqual({
            amountCents: Number(amount),
            taxCents: Number(tax),
            totalCents: Number(amount + tax),
          });
        });
        const sum = (pick: (l: (typeof totals.lines)[number]) => number) =>
          totals.lines.reduce((s, l) => s + pick(l), 0);
        expect(totals.subtotalCents).toBe(sum((l) => l.amountCents));
        expect(totals.taxCents).toBe(sum((l) => l.taxCents));
        expect(totals.totalCents).toBe(sum((l) => l.totalCents));
        expect(totals.totalCents).toBe(totals.subtotalCents + totals.taxCents);
      }),
      { numRuns: 2_000 },
    );
  });

  it('approves exactly the sum of the approved lines, and all lines make the quote total', () => {
    fc.assert(
      fc.property(
        quote.chain((q) =>
          fc.tuple(
            fc.constant(q),
            fc.array(fc.boolean(), { minLength: q.lines.length, maxLength: q.lines.length }),
          ),
        ),
        ([q, flags]) => {
          const totals = computeQuoteTotals(q);
          const decided = totals.lines.map((l, i) => ({ totalCents: l.totalCents, approved: flags[i]! }));
          const expected = decided.filter((l) => l.approved).reduce((s, l) => s + l.totalCents, 0);
          expect(approvedTotalCents(decided)).toBe(expected);
          expect(approvedTotalCents(decided.map((l) => ({ ...l, approved: true })))).toBe(totals.totalCents);
          expect(approvedTotalCents(decided.map((l) => ({ ...l, approved: false })))).toBe(0);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('quoteDraftSchema', () => {
  it('takes a valid quote, with the defaults', () => {
    const parsed = quoteDraftSchema.parse(valid);
    expect(parsed).toMatchObject({ currency: 'usd', note: '' });
    expect(parsed.validUntil).toBeUndefined();
  });

  const refused: [string, unknown][] = [
    ['no lines', { ...valid, lines: [] }],
    ['31 lines', { ...valid, lines: Array.from({ length: 31 }, () => valid.lines[0]) }],
    ['a zero quantity', { ...valid, lines: [{ ...valid.lines[0], quantityMilli: 0 }] }],
    ['a negative quantity', { ...valid, lines: [{ ...valid.lines[0], quantityMilli: -1000 }] }],
    ['a fractional quantity', { ...valid, lines: [{ ...valid.lines[0], quantityMilli: 1.5 }] }],
    ['an absurd quantity', { ...valid, lines: [{ ...valid.lines[0], quantityMilli: 1_000_001 }] }],
    ['a negative price', { ...valid, lines: [{ ...valid.lines[0], unitPriceCents: -1 }] }],
    ['an absurd price', { ...valid, lines: [{ ...valid.lines[0], unitPriceCents: 10_000_001 }] }],
    ['a price in dollars', { ...valid, lines: [{ ...valid.lines[0], unitPriceCents: 45.5 }] }],
    ['NaN', { ...valid, lines: [{ ...valid.lines[0], unitPriceCents: Number.NaN }] }],
    ['a tax over 50 %', { ...valid, taxRateBps: 5_001 }],
    ['another currency', { ...valid, currency: 'eur' }],
    ['no workshop', { ...valid, workshopName: '  ' }],
    ['a NUL in the description', { ...valid, lines: [{ ...valid.lines[0], description: 'pads\u0000' }] }],
    ['an unknown kind', { ...valid, lines: [{ ...valid.lines[0], kind: 'gift' }] }],
    ['valid until yesterday', { ...valid, validUntil: new Date(Date.now() - 86_400_000) }],
    ['valid until in 91 days', { ...valid, validUntil: new Date(Date.now() + 91 * 86_400_000) }],
    [
      'lines adding up to more than $1,000,000',
      {
        ...valid,
        lines: Array.from({ length: 11 }, () => ({
          ...valid.lines[0],
          quantityMilli: 1_000_000,
          unitPriceCents: 10_000,
        })),
      },
    ],
  ];
  it.each(refused)('refuses %s', (_name, input) => {
    expect(quoteDraftSchema.safeParse(input).success).toBe(false);
  });

  it('takes the largest quote the bounds allow', () => {
    const lines = Array.from({ length: 10 }, () => ({
      kind: 'part' as const,
      description: 'Engine',
      quantityMilli: 1_000_000,
      unitPriceCents: 10_000,
    }));
    expect(quoteDraftSchema.safeParse({ ...valid, taxRateBps: 0, lines }).success).toBe(true);
  });
});

describe('signatureNameSchema', () => {
  it('takes a trimmed full name, and refuses one letter, blanks and control characters', () => {
    expect(signatureNameSchema.parse('  Ada Lovelace ')).toBe('Ada Lovelace');
    for (const bad of ['A', '   ', 'Ada\u0000', 'x'.repeat(121)]) {
      expect(signatureNameSchema.safeParse(bad).success).toBe(false);
    }
  });
});
