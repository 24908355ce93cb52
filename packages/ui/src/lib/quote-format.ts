// How repair quotes read in both apps: the one place their words and number formats are written.

import type { QuoteStatus } from '@autodoctor/session-core/rules';

/** A quote line's kind as people say it (`quote_lines.kind`). */
export const QUOTE_LINE_KIND_LABEL = {
  part: 'Part',
  labour: 'Labour',
  fee: 'Fee',
  discount: 'Discount',
} as const;
export type QuoteLineKindName = keyof typeof QUOTE_LINE_KIND_LABEL;

/** How a quote version's status reads in a pill, and its colours. */
export interface QuoteStatusLook {
  label: string;
  /** The customer's own words where they differ (what the status asks of them). */
  customerLabel?: string;
  pill: string;
}

/** A quote version's status: its labels and the pill's colours (contrast ≥ 4.5:1, as the session pills). */
export const QUOTE_STATUS_PRESENTATION: Record<QuoteStatus, QuoteStatusLook> = {
  draft: { label: 'Draft', pill: 'bg-slate-100 text-slate-800' },
  sent: { label: 'Sent', customerLabel: 'Awaiting your decision', pill: 'bg-blue-100 text-blue-900' },
  approved: { label: 'Approved', pill: 'bg-green-100 text-green-900' },
  declined: { label: 'Declined', pill: 'bg-red-100 text-red-900' },
  expired: { label: 'Expired', pill: 'bg-orange-100 text-orange-900' },
  withdrawn: { label: 'Withdrawn', pill: 'bg-slate-100 text-slate-800' },
  superseded: { label: 'Superseded', pill: 'bg-slate-100 text-slate-800' },
};
export type QuoteStatusName = QuoteStatus;

/** Quantities are kept in thousandths (`quantityMilli`: 1.5 h = 1500). */
export const QUANTITY_SCALE = 1000;

const quantityFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
/** "2", "1.5 h" (labour is counted in hours). */
export function formatQuantity(quantityMilli: number, kind: QuoteLineKindName): string {
  const quantity = quantityFormat.format(quantityMilli / QUANTITY_SCALE);
  return kind === 'labour' ? `${quantity} h` : quantity;
}

const percentFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
/** A rate in basis points as a percentage: 825 → "8.25 %". */
export function formatRateBps(rateBps: number): string {
  return `${percentFormat.format(rateBps / 100)} %`;
}

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
/** A day, in the viewer's locale and time zone: "Dec 21, 2026". */
export function formatDate(date: Date): string {
  return dateOnly.format(date);
}
