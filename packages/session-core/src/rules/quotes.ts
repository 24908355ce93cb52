import { QUOTE_LINE_KIND_VALUES, QUOTE_STATUS_VALUES } from '@autodoctor/db/enum-values';
import { z } from 'zod';
import { divideRoundHalfEven, shareOfCents } from './money.ts';

/** A quote version's states (`quotes.status`); `expired` is also what readers call a sent version past its valid-until. */
export const QUOTE_STATUSES = QUOTE_STATUS_VALUES;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** What a quote line charges for; a discount's amount counts negative. */
export const QUOTE_LINE_KINDS = QUOTE_LINE_KIND_VALUES;
export type QuoteLineKind = (typeof QUOTE_LINE_KINDS)[number];

/** A quote is valid this long unless the mechanic picks another date (a revision starts anew). */
export const QUOTE_VALID_DAYS_DEFAULT = 14;
/** The furthest a quote's valid-until may be set. */
export const QUOTE_VALID_DAYS_MAX = 90;
/** A session can be quoted while live and this long after it ended. */
export const QUOTE_WINDOW_AFTER_END_DAYS = 14;

/** The bounds of a quote's input: the one place they are written (the API and the editor use them). */
export const QUOTE_LIMITS = {
  linesMax: 30,
  descriptionMaxChars: 200,
  /** Thousandths: 1 = 0.001 of a unit or an hour; 1,000,000 = 1,000 units. */
  quantityMilliMax: 1_000_000,
  /** $100,000 a unit. */
  unitPriceCentsMax: 10_000_000,
  /** 50 %. */
  taxRateBpsMax: 5_000,
  workshopNameMaxChars: 120,
  workshopAddressMaxChars: 300,
  noteMaxChars: 2_000,
  /**
   * The lines' totals, taken without sign, add up to at most $1,000,000: every amount of a quote
   * (subtotal, tax, total, approved total) then fits its integer column and stays exact.
   */
  linesTotalMaxCents: 100_000_000,
  signatureMinChars: 2,
  signatureMaxChars: 120,
} as const;

// PostgreSQL text cannot hold NUL, and no control character belongs in a name.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
// Free text may have line breaks and tabs, nothing else of the kind.
const NO_CONTROL_CHARACTERS_BUT_LINES = /^(?:[^\p{Cc}]|[\n\r\t])*$/u;
const DAY_MS = 86_400_000;

const text = (field: string, max: number, options: { min?: number; lines?: boolean } = {}) => {
  const min = options.min ?? 1;
  const schema = z
    .string({ error: `Enter the ${field}` })
    .trim()
    .max(max, `Shorten the ${field} to ${max} characters or fewer`)
    .regex(
      options.lines ? NO_CONTROL_CHARACTERS_BUT_LINES : NO_CONTROL_CHARACTERS,
      `Remove the control characters from the ${field}`,
    );
  return min > 0 ? schema.min(min, `Enter the ${field}`) : schema;
};

/** One line of a quote as the mechanic writes it: the amounts are computed from it, never sent. */
export const quoteLineInputSchema = z.object({
  kind: z.enum(QUOTE_LINE_KINDS, { error: 'Choose part, labour, fee or discount' }),
  description: text('description', QUOTE_LIMITS.descriptionMaxChars),
  quantityMilli: z
    .number({ error: 'Enter the quantity' })
    .int('Enter the quantity in thousandths (1.5 is 1500)')
    .min(1, 'Enter a quantity above zero')
    .max(
      QUOTE_LIMITS.quantityMilliMax,
      `Enter a quantity of at most ${QUOTE_LIMITS.quantityMilliMax / 1000}`,
    ),
  unitPriceCents: z
    .number({ error: 'Enter the unit price' })
    .int('Enter the unit price in whole cents')
    .min(0, 'Enter a unit price of zero or more (a discount line subtracts it)')
    .max(QUOTE_LIMITS.unitPriceCentsMax, 'Enter a unit price of at most $100,000'),
});
export type QuoteLineInput = z.input<typeof quoteLineInputSchema>;

/** A quote as the mechanic writes it (a draft's whole content; saving a draft replaces it). */
export const quoteDraftSchema = z
  .object({
    currency: z.literal('usd', { error: 'Quotes are in US dollars (usd)' }).default('usd'),
    taxRateBps: z
      .number({ error: 'Enter the tax rate' })
      .int('Enter the tax rate in basis points (8.25 % is 825)')
      .min(0, 'Enter a tax rate of zero or more')
      .max(QUOTE_LIMITS.taxRateBpsMax, 'Enter a tax rate of at most 50 %'),
    workshopName: text('workshop name', QUOTE_LIMITS.workshopNameMaxChars),
    workshopAddress: text('workshop address', QUOTE_LIMITS.workshopAddressMaxChars, { lines: true }),
    /** Absent: QUOTE_VALID_DAYS_DEFAULT days from when the draft is saved. A Date or an ISO 8601 string. */
    validUntil: z.coerce
      .date<Date | string>({ error: 'Pick the date the quote is valid until' })
      .refine((date) => date.getTime() > Date.now(), 'Pick a valid-until date in the future')
      .refine(
        (date) => date.getTime() <= Date.now() + QUOTE_VALID_DAYS_MAX * DAY_MS,
        `Pick a valid-until date within ${QUOTE_VALID_DAYS_MAX} days`,
      )
      .optional(),
    note: text('note', QUOTE_LIMITS.noteMaxChars, { min: 0, lines: true }).default(''),
    lines: z
      .array(quoteLineInputSchema, { error: 'Add at least one line' })
      .min(1, 'Add at least one line')
      .max(QUOTE_LIMITS.linesMax, `A quote has at most ${QUOTE_LIMITS.linesMax} lines`),
  })
  .superRefine((quote, context) => {
    const totals = computeQuoteTotals(quote);
    const magnitude = totals.lines.reduce((sum, line) => sum + Math.abs(line.totalCents), 0);
    if (magnitude > QUOTE_LIMITS.linesTotalMaxCents) {
      context.addIssue({
        code: 'custom',
        path: ['lines'],
        message: 'The lines add up to more than $1,000,000: check the quantities and prices',
      });
    }
  });
export type QuoteDraftInput = z.input<typeof quoteDraftSchema>;
export type QuoteDraft = z.output<typeof quoteDraftSchema>;

/** The customer's typed full name, signing a decision. */
export const signatureNameSchema = z
  .string({ error: 'Type your full name to sign' })
  .trim()
  .min(QUOTE_LIMITS.signatureMinChars, 'Type your full name to sign')
  .max(
    QUOTE_LIMITS.signatureMaxChars,
    `Shorten the name to ${QUOTE_LIMITS.signatureMaxChars} characters or fewer`,
  )
  .regex(NO_CONTROL_CHARACTERS, 'Remove the control characters from the name');

export interface QuoteLineAmounts {
  /** round_half_even(quantityMilli × unitPriceCents / 1000), negative for a discount. */
  amountCents: number;
  /** The line's tax: shareOfCents(amountCents, taxRateBps). */
  taxCents: number;
  totalCents: number;
}

export interface QuoteTotals {
  lines: QuoteLineAmounts[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
}

/**
 * Every amount of a quote from its lines: each line rounded half-even to the cent once (amount,
 * then its tax), and the quote's amounts the sums of its lines', so that any set of approved lines
 * adds up exactly. Pure: the server computes what it stores with it, the editor its preview.
 */
export function computeQuoteTotals(quote: {
  taxRateBps: number;
  lines: readonly Pick<QuoteLineInput, 'kind' | 'quantityMilli' | 'unitPriceCents'>[];
}): QuoteTotals {
  const lines = quote.lines.map((line): QuoteLineAmounts => {
    const magnitude = divideRoundHalfEven(line.quantityMilli * line.unitPriceCents, 1000);
    // 0 - x, not -x: a zero discount is 0, never -0.
    const amountCents = line.kind === 'discount' ? 0 - magnitude : magnitude;
    // + 0: a zero rate on a discount gives −0, which is 0.
    const taxCents = shareOfCents(amountCents, quote.taxRateBps) + 0;
    return { amountCents, taxCents, totalCents: amountCents + taxCents };
  });
  const sum = (pick: (line: QuoteLineAmounts) => number) =>
    lines.reduce((total, line) => total + pick(line), 0);
  return {
    lines,
    subtotalCents: sum((line) => line.amountCents),
    taxCents: sum((line) => line.taxCents),
    totalCents: sum((line) => line.totalCents),
  };
}

/** A decision's approved total: the sum of the approved lines' totals. */
export function approvedTotalCents(lines: readonly { totalCents: number; approved: boolean }[]): number {
  return lines.reduce((total, line) => (line.approved ? total + line.totalCents : total), 0);
}
