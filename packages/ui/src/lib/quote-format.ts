// How a repair quote reads, the same in both apps: quantities, tax rates, states and line kinds.

export type QuoteLineKind = 'part' | 'labour' | 'fee' | 'discount';
export type QuoteStatus = 'draft' | 'sent' | 'approved' | 'declined' | 'expired' | 'withdrawn' | 'superseded';

/** Quantities are thousandths (1.5 h of labour = 1500): shown with up to three decimals. */
const quantity = new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
export function formatQuantity(quantityMilli: number, kind: QuoteLineKind): string {
  const amount = quantity.format(quantityMilli / 1000);
  return kind === 'labour' ? `${amount} h` : amount;
}

/** A rate in basis points as a percentage: 825 → "8.25%". */
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 });
export function formatTaxRate(taxRateBps: number): string {
  return percent.format(taxRateBps / 10_000);
}

export const QUOTE_LINE_KIND_LABEL: Record<QuoteLineKind, string> = {
  part: 'Part',
  labour: 'Labour',
  fee: 'Fee',
  discount: 'Discount',
};

/** Each state's name and pill colours (light background, dark text: contrast ≥ 4.5:1). */
export const QUOTE_STATUS_PRESENTATION: Record<QuoteStatus, { label: string; pill: string }> = {
  draft: { label: 'Draft', pill: 'bg-slate-100 text-slate-800' },
  sent: { label: 'Awaiting decision', pill: 'bg-blue-100 text-blue-900' },
  approved: { label: 'Approved', pill: 'bg-green-100 text-green-900' },
  declined: { label: 'Declined', pill: 'bg-red-100 text-red-900' },
  expired: { label: 'Expired', pill: 'bg-amber-100 text-amber-900' },
  withdrawn: { label: 'Withdrawn', pill: 'bg-slate-100 text-slate-800' },
  superseded: { label: 'Superseded', pill: 'bg-slate-100 text-slate-800' },
};
