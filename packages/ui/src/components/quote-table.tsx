import type { ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { formatMoney } from '../lib/format.ts';
import {
  formatQuantity,
  formatTaxRate,
  QUOTE_LINE_KIND_LABEL,
  QUOTE_STATUS_PRESENTATION,
  type QuoteLineKind,
  type QuoteStatus,
} from '../lib/quote-format.ts';

/** The part of a quote line this table shows (session-core's QuoteLineView fits it). */
export interface QuoteTableLine {
  id: string;
  kind: QuoteLineKind;
  description: string;
  quantityMilli: number;
  unitPriceCents: number;
  taxCents: number;
  totalCents: number;
  /** null until the customer decided. */
  approved: boolean | null;
}

/** The part of a quote this table shows (session-core's QuoteView fits it). */
export interface QuoteTableQuote {
  currency: string;
  taxRateBps: number;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  lines: QuoteTableLine[];
}

export interface QuoteTableProps {
  quote: QuoteTableQuote;
  /** The table's caption, read first by screen readers, e.g. "Quote lines, version 2". */
  caption: string;
  /**
   * A last column per line, e.g. the customer's approve / decline choice. Without it, a decided
   * quote shows each line's decision.
   */
  decision?: { header: string; cell: (line: QuoteTableLine) => ReactNode };
  /** Rows under the total, e.g. the approved total as the customer chooses. */
  footer?: ReactNode;
}

const NUMBER_CELL = 'px-2 py-2 text-right tabular-nums whitespace-nowrap';
// Quantity, unit price and tax: their own columns from small screens on and on paper; on a
// phone they are a line under the description.
const WIDE_CELL = `${NUMBER_CELL} hidden sm:table-cell print:table-cell`;

/** A quote's lines and totals, read-only: what both the customer and the mechanic see. */
export function QuoteTable({ quote, caption, decision, footer }: QuoteTableProps) {
  const money = (cents: number) => formatMoney(cents, quote.currency);
  const decided = quote.lines.some((line) => line.approved !== null);
  const lastColumn =
    decision ?? (decided ? { header: 'Decision', cell: (line: QuoteTableLine) => <LineDecision line={line} /> } : null);
  const columns = lastColumn ? 6 : 5;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b text-left text-muted-foreground">
            <th scope="col" className="px-2 py-2 font-medium">
              Item
            </th>
            <th scope="col" className={cn(WIDE_CELL, 'font-medium')}>
              Qty
            </th>
            <th scope="col" className={cn(WIDE_CELL, 'font-medium')}>
              Unit price
            </th>
            <th scope="col" className={cn(WIDE_CELL, 'font-medium')}>
              Tax
            </th>
            <th scope="col" className={cn(NUMBER_CELL, 'font-medium')}>
              Total
            </th>
            {lastColumn ? (
              <th scope="col" className="px-2 py-2 font-medium">
                {lastColumn.header}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {quote.lines.map((line) => (
            <tr key={line.id} className="border-b align-top break-inside-avoid">
              <th scope="row" className="px-2 py-2 text-left font-normal">
                <span className="block font-medium">{line.description}</span>
                <span className="block text-xs text-muted-foreground">
                  {QUOTE_LINE_KIND_LABEL[line.kind]}
                  <span className="sm:hidden print:hidden">
                    {' · '}
                    {formatQuantity(line.quantityMilli, line.kind)} × {money(line.unitPriceCents)}
                    {line.taxCents ? ` + ${money(line.taxCents)} tax` : ''}
                  </span>
                </span>
              </th>
              <td className={WIDE_CELL}>{formatQuantity(line.quantityMilli, line.kind)}</td>
              <td className={WIDE_CELL}>{money(line.unitPriceCents)}</td>
              <td className={WIDE_CELL}>{money(line.taxCents)}</td>
              <td className={cn(NUMBER_CELL, 'font-medium')}>{money(line.totalCents)}</td>
              {lastColumn ? <td className="px-2 py-2">{lastColumn.cell(line)}</td> : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <TotalRow label="Subtotal" value={money(quote.subtotalCents)} columns={columns} />
          <TotalRow label={`Tax (${formatTaxRate(quote.taxRateBps)})`} value={money(quote.taxCents)} columns={columns} />
          <TotalRow label="Total" value={money(quote.totalCents)} columns={columns} strong />
          {footer}
        </tfoot>
      </table>
    </div>
  );
}

/** A row of the table's foot: the label spans the columns before the total. */
export function TotalRow({
  label,
  value,
  columns,
  strong = false,
}: {
  label: ReactNode;
  value: ReactNode;
  columns: number;
  strong?: boolean;
}) {
  // On a phone the three middle columns are hidden: the label spans one column there.
  return (
    <tr className={cn(strong && 'text-base font-semibold')}>
      <th scope="row" className="px-2 py-1.5 text-right font-normal sm:hidden print:hidden">
        {label}
      </th>
      <th scope="row" colSpan={4} className="hidden px-2 py-1.5 text-right font-normal sm:table-cell print:table-cell">
        {label}
      </th>
      <td className={cn(NUMBER_CELL, 'py-1.5')}>{value}</td>
      {columns > 5 ? <td /> : null}
    </tr>
  );
}

function LineDecision({ line }: { line: QuoteTableLine }) {
  if (line.approved === null) return null;
  return line.approved ? (
    <span className="font-medium text-green-800">Approved</span>
  ) : (
    <span className="font-medium text-red-800">Declined</span>
  );
}

/** A quote version's state as a pill. */
export function QuoteStatusBadge({ status, className }: { status: QuoteStatus; className?: string }) {
  const look = QUOTE_STATUS_PRESENTATION[status];
  return (
    <span
      className={cn('inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold', look.pill, className)}
    >
      {look.label}
    </span>
  );
}
