import type { ReactNode } from 'react';
import { formatMoney } from '../lib/format.ts';
import {
  formatQuantity,
  formatRateBps,
  QUOTE_LINE_KIND_LABEL,
  type QuoteLineKindName,
} from '../lib/quote-format.ts';
import { cn } from '../lib/cn.ts';

/** A quote line as both apps show it (session-core's QuoteLineView fits it). */
export interface QuoteTableLine {
  id: string;
  kind: QuoteLineKindName;
  description: string;
  quantityMilli: number;
  unitPriceCents: number;
  amountCents: number;
  taxCents: number;
  totalCents: number;
  /** The customer's answer for the line; null until the quote is decided. */
  approved: boolean | null;
}

/** What the table reads of a quote version (session-core's QuoteView fits it). */
export interface QuoteTableQuote<Line extends QuoteTableLine> {
  currency: string;
  taxRateBps: number;
  lines: readonly Line[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  /** The customer's decision, once made. */
  decision: { approvedTotalCents: number } | null;
}

export interface QuoteLinesTableProps<Line extends QuoteTableLine> {
  quote: QuoteTableQuote<Line>;
  caption: string;
  /** The last column's cell for a line while the decision is being chosen (a form's controls). */
  decisionOf?: (line: Line) => ReactNode;
  /** The approved total as being chosen; a decided quote's own is shown without it. */
  approvedTotalCents?: number;
  /** The last column's heading: who decides, as the reader calls them. */
  decisionHeading?: string;
  className?: string;
}

const NUMBER_CELL = 'px-2 py-2 text-right tabular-nums whitespace-nowrap';
// Quantity, unit price, amount and tax have columns of their own from small screens up (and on
// paper); on a phone they are a line under the description, so the total and the decision column
// stay in view.
const WIDE_CELL = `${NUMBER_CELL} hidden sm:table-cell print:table-cell`;
const WIDE_COLUMNS = 4;

/**
 * A quote's lines and totals as both apps show them: description and kind, quantity (hours for
 * labour), unit price, amount, tax and line total; a last column for the customer's decision,
 * either being chosen (`decisionOf`) or as decided; under the totals, the approved total.
 */
export function QuoteLinesTable<Line extends QuoteTableLine>(props: QuoteLinesTableProps<Line>) {
  const { quote } = props;
  const decided = quote.decision !== null;
  const decisionOf = props.decisionOf ?? (decided ? (line: Line) => <LineAnswer line={line} /> : null);
  const hasDecisionColumn = decisionOf !== null;
  const approvedTotalCents = props.approvedTotalCents ?? quote.decision?.approvedTotalCents;
  const money = (cents: number) => formatMoney(cents, quote.currency);
  return (
    // Scrolls sideways on a screen too narrow for it; paper shows it whole.
    <div
      className={cn('overflow-x-auto print:overflow-visible', props.className)}
      tabIndex={0}
      role="region"
      aria-label={props.caption}
    >
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{props.caption}</caption>
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
              Amount
            </th>
            <th scope="col" className={cn(WIDE_CELL, 'font-medium')}>
              Tax
            </th>
            <th scope="col" className={cn(NUMBER_CELL, 'font-medium')}>
              Total
            </th>
            {hasDecisionColumn ? (
              <th scope="col" className="px-2 py-2 font-medium">
                {props.decisionHeading ?? 'Decision'}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {quote.lines.map((line) => {
            const quantity = formatQuantity(line.quantityMilli, line.kind);
            const unitPrice = `${money(line.unitPriceCents)}${line.kind === 'labour' ? ' /h' : ''}`;
            return (
              <tr key={line.id} className="break-inside-avoid border-b align-top">
                <th scope="row" className="px-2 py-2 text-left font-normal">
                  <span className="block font-medium break-words whitespace-pre-wrap">
                    {line.description}
                  </span>
                  <span className="block text-xs text-muted-foreground">
                    {QUOTE_LINE_KIND_LABEL[line.kind]}
                    <span className="sm:hidden print:hidden">
                      {' · '}
                      {quantity} × {unitPrice}
                      {line.taxCents ? ` + ${money(line.taxCents)} tax` : ''}
                    </span>
                  </span>
                </th>
                <td className={WIDE_CELL}>{quantity}</td>
                <td className={WIDE_CELL}>{unitPrice}</td>
                <td className={WIDE_CELL}>{money(line.amountCents)}</td>
                <td className={WIDE_CELL}>{money(line.taxCents)}</td>
                <td className={cn(NUMBER_CELL, 'font-medium')}>{money(line.totalCents)}</td>
                {decisionOf ? <td className="px-2 py-2">{decisionOf(line)}</td> : null}
              </tr>
            );
          })}
        </tbody>
        <tfoot className="tabular-nums">
          <TotalRow label="Subtotal" value={money(quote.subtotalCents)} decisionColumn={hasDecisionColumn} />
          <TotalRow
            label={`Tax (${formatRateBps(quote.taxRateBps)})`}
            value={money(quote.taxCents)}
            decisionColumn={hasDecisionColumn}
          />
          <TotalRow label="Total" value={money(quote.totalCents)} decisionColumn={hasDecisionColumn} strong />
          {approvedTotalCents === undefined ? null : (
            <TotalRow
              label="Approved total"
              value={money(approvedTotalCents)}
              decisionColumn={hasDecisionColumn}
              strong
            />
          )}
        </tfoot>
      </table>
    </div>
  );
}

/** A total under the Total column (the decision column stays empty). */
function TotalRow(props: { label: string; value: string; decisionColumn: boolean; strong?: boolean }) {
  const label = 'px-2 py-1.5 text-right font-[inherit]';
  return (
    <tr className={props.strong ? 'font-semibold' : 'text-muted-foreground'}>
      {/* On a phone the figures' columns are hidden: the label spans the Item column alone there. */}
      <th scope="row" className={cn(label, 'sm:hidden print:hidden')}>
        {props.label}
      </th>
      <th
        scope="row"
        colSpan={1 + WIDE_COLUMNS}
        className={cn(label, 'hidden sm:table-cell print:table-cell')}
      >
        {props.label}
      </th>
      <td className={cn(NUMBER_CELL, 'py-1.5')}>{props.value}</td>
      {props.decisionColumn ? <td /> : null}
    </tr>
  );
}

/** A decided line's answer. */
function LineAnswer({ line }: { line: QuoteTableLine }) {
  if (line.approved === null) return null;
  return line.approved ? (
    <span className="font-medium text-green-800">Approved</span>
  ) : (
    <span className="text-muted-foreground">Declined</span>
  );
}
