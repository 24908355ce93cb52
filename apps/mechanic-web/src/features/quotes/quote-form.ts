import type { QuoteLineKindName } from '@autodoctor/ui/lib/quote-format';
import { QUANTITY_SCALE } from '@autodoctor/ui/lib/quote-format';
import {
  computeQuoteTotals,
  QUOTE_VALID_DAYS_DEFAULT,
  quoteDraftSchema,
  type QuoteDraftInput,
} from '@autodoctor/session-core/rules';
import type { QuoteView } from './quote-view.ts';

/** One line of the editor, as typed (numbers stay text until parsed, so "1." can be typed). */
export interface QuoteFormLine {
  /** React's key: stable while lines are added and removed. */
  key: string;
  kind: QuoteLineKindName;
  description: string;
  /** Units, or hours for labour: "1.5". */
  quantity: string;
  /** Dollars a unit or an hour: "89.50". */
  unitPrice: string;
}

export interface QuoteFormValues {
  /** Percent: "8.25". */
  taxRate: string;
  workshopName: string;
  workshopAddress: string;
  /** A day, `yyyy-mm-dd` (an `<input type="date">`): the quote is valid to its end, local time. */
  validUntil: string;
  note: string;
  lines: QuoteFormLine[];
}

/** Where an error is shown: a top-level field, or `lines.<index>.<field>`, or `lines` itself. */
export type QuoteFieldErrors = Partial<Record<string, string>>;

let nextKey = 0;
export function newLine(kind: QuoteLineKindName = 'part'): QuoteFormLine {
  nextKey += 1;
  return { key: `line-${nextKey}`, kind, description: '', quantity: '1', unitPrice: '' };
}

/** A blank quote: one empty line, valid for the default number of days. */
export function emptyQuoteValues(now = new Date()): QuoteFormValues {
  return {
    taxRate: '0',
    workshopName: '',
    workshopAddress: '',
    validUntil: dayInput(addDays(now, QUOTE_VALID_DAYS_DEFAULT)),
    note: '',
    lines: [newLine()],
  };
}

/** A saved draft back in the editor. */
export function quoteValues(quote: QuoteView): QuoteFormValues {
  return {
    taxRate: formatScaled(quote.taxRateBps, 100),
    workshopName: quote.workshopName,
    workshopAddress: quote.workshopAddress,
    validUntil: dayInput(quote.validUntil),
    note: quote.note,
    lines: quote.lines.map((line) => ({
      ...newLine(line.kind),
      description: line.description,
      quantity: formatScaled(line.quantityMilli, QUANTITY_SCALE),
      unitPrice: formatScaled(line.unitPriceCents, 100),
    })),
  };
}

/**
 * A decimal typed by a person as an integer in `scale`ths ("1.5", 1000 → 1500), exactly (no
 * floating point); null when it is not a plain number or has more decimals than the scale holds.
 */
export function parseScaled(text: string, scale: number): number | null {
  const places = Math.round(Math.log10(scale));
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(text.trim());
  if (!match || (match[1] === '' && !match[2])) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > places) return null;
  const value = Number(match[1] || '0') * scale + Number(fraction.padEnd(places, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}

function formatScaled(value: number, scale: number): string {
  const places = Math.round(Math.log10(scale));
  const whole = Math.trunc(value / scale);
  const fraction = String(Math.abs(value % scale))
    .padStart(places, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** The end of a local day `yyyy-mm-dd`. */
export function endOfDay(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
}

export function dayInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(date: Date, days: number): Date {
  const next = new Date(date);
  next.setDate(next.getDate() + days);
  return next;
}

/** A form field's name for a path of the API's input (`quote.lines.0.unitPriceCents` → `lines.0.unitPrice`). */
export function fieldOfIssuePath(path: readonly PropertyKey[]): string {
  const keys = path[0] === 'quote' ? path.slice(1) : path;
  return keys.map((key) => INPUT_TO_FIELD[String(key)] ?? String(key)).join('.') || 'form';
}
const INPUT_TO_FIELD: Record<string, string> = {
  taxRateBps: 'taxRate',
  quantityMilli: 'quantity',
  unitPriceCents: 'unitPrice',
};

const NUMBER_MESSAGES = {
  taxRate: 'Write the tax rate as a percentage, e.g. 8.25',
  quantity: 'Write a number, up to 3 decimals (hours for labour: 1.5)',
  unitPrice: 'Write an amount in dollars, e.g. 89.50',
} as const;

/** The typed quote, checked as the API checks it: the input to send, or the errors by field. */
export function toDraftInput(
  values: QuoteFormValues,
): { ok: true; input: QuoteDraftInput } | { ok: false; errors: QuoteFieldErrors } {
  const errors: QuoteFieldErrors = {};
  const taxRateBps = parseScaled(values.taxRate, 100);
  if (taxRateBps === null) errors.taxRate = NUMBER_MESSAGES.taxRate;
  const lines = values.lines.map((line, index) => {
    const quantityMilli = parseScaled(line.quantity, QUANTITY_SCALE);
    const unitPriceCents = parseScaled(line.unitPrice, 100);
    if (quantityMilli === null) errors[`lines.${index}.quantity`] = NUMBER_MESSAGES.quantity;
    if (unitPriceCents === null) errors[`lines.${index}.unitPrice`] = NUMBER_MESSAGES.unitPrice;
    return {
      kind: line.kind,
      description: line.description,
      quantityMilli: quantityMilli ?? 0,
      unitPriceCents: unitPriceCents ?? 0,
    };
  });
  const validUntil = endOfDay(values.validUntil);
  if (!validUntil) errors.validUntil = 'Pick the last day the quote is valid';
  const input: QuoteDraftInput = {
    currency: 'usd',
    taxRateBps: taxRateBps ?? 0,
    workshopName: values.workshopName,
    workshopAddress: values.workshopAddress,
    validUntil: validUntil ?? undefined,
    note: values.note,
    lines,
  };
  const parsed = quoteDraftSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[fieldOfIssuePath(issue.path)] ??= issue.message;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}

/** The totals as they will be computed on saving (the same session-core rule), for what parses. */
export function previewTotals(values: QuoteFormValues) {
  const taxRateBps = parseScaled(values.taxRate, 100) ?? 0;
  const lines = values.lines.map((line) => ({
    kind: line.kind,
    quantityMilli: parseScaled(line.quantity, QUANTITY_SCALE) ?? 0,
    unitPriceCents: parseScaled(line.unitPrice, 100) ?? 0,
  }));
  return computeQuoteTotals({ taxRateBps, lines });
}
