// STAND-IN until the `quotes` branch lands in main: issue 22's contract, as the editor uses it.
// After the merge this file goes: the types come from the router's outputs and the schema and
// computeQuoteTotals from `@autodoctor/session-core/rules`.
import { divideRoundHalfEven, shareOfCents } from '@autodoctor/session-core/rules';
import type { QuoteLineKindName, QuoteStatusName } from '@autodoctor/ui/lib/quote-format';
import { z } from 'zod';

export const QUOTE_VALID_DAYS_DEFAULT = 14;
export const QUOTE_WINDOW_AFTER_END_DAYS = 14;

export interface QuoteLineView {
  id: string;
  position: number;
  kind: QuoteLineKindName;
  description: string;
  quantityMilli: number;
  unitPriceCents: number;
  amountCents: number;
  taxCents: number;
  totalCents: number;
  approved: boolean | null;
}

export interface QuoteView {
  id: string;
  seriesId: string;
  version: number;
  sessionId: string;
  status: QuoteStatusName;
  currency: string;
  taxRateBps: number;
  workshopName: string;
  workshopAddress: string;
  note: string;
  validUntil: Date;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  createdAt: Date;
  sentAt: Date | null;
  closedAt: Date | null;
  mechanicName: string;
  vehicle: { year: number; make: string; model: string };
  lines: QuoteLineView[];
  decision: { signatureName: string; decidedAt: Date; approvedTotalCents: number } | null;
}

const DAY_MS = 86_400_000;
export const quoteDraftSchema = z.object({
  currency: z.literal('usd'),
  taxRateBps: z.int().min(0, 'Tax rate is 0 % or more').max(5000, 'Tax rate is at most 50 %'),
  workshopName: z.string().trim().min(1, 'Name the workshop').max(120, 'Keep the name under 120 characters'),
  workshopAddress: z
    .string()
    .trim()
    .min(1, 'Give the workshop’s address')
    .max(300, 'Keep the address under 300 characters'),
  validUntil: z
    .date()
    .refine((date) => date.getTime() > Date.now(), 'Valid until must be in the future')
    .refine((date) => date.getTime() <= Date.now() + 90 * DAY_MS, 'At most 90 days ahead')
    .optional(),
  note: z.string().max(2000, 'Keep the note under 2,000 characters').default(''),
  lines: z
    .array(
      z.object({
        kind: z.enum(['part', 'labour', 'fee', 'discount']),
        description: z
          .string()
          .trim()
          .min(1, 'Describe the line')
          .max(200, 'Keep a description under 200 characters'),
        quantityMilli: z.int().min(1, 'Quantity above 0').max(1_000_000, 'Quantity up to 1,000'),
        unitPriceCents: z.int().min(0, 'Price is $0 or more').max(10_000_000, 'Price is at most $100,000'),
      }),
    )
    .min(1, 'Add a line')
    .max(30, 'At most 30 lines'),
});
export type QuoteDraftInput = z.input<typeof quoteDraftSchema>;

export function computeQuoteTotals(input: {
  taxRateBps: number;
  lines: readonly Pick<QuoteDraftInput['lines'][number], 'kind' | 'quantityMilli' | 'unitPriceCents'>[];
}) {
  const lines = input.lines.map((line) => {
    const magnitude = divideRoundHalfEven(line.quantityMilli * line.unitPriceCents, 1000);
    const amountCents = line.kind === 'discount' ? -magnitude : magnitude;
    const taxCents = shareOfCents(amountCents, input.taxRateBps);
    return { amountCents, taxCents, totalCents: amountCents + taxCents };
  });
  const sum = (pick: (line: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + pick(l), 0);
  return {
    lines,
    subtotalCents: sum((l) => l.amountCents),
    taxCents: sum((l) => l.taxCents),
    totalCents: sum((l) => l.totalCents),
  };
}
