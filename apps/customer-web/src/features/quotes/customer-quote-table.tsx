import { cn } from '@autodoctor/ui/lib/cn';
import { formatMoney } from '@autodoctor/ui/lib/format';
import { formatQuantity, formatRateBps, QUOTE_LINE_KIND_LABEL } from '@autodoctor/ui/lib/quote-format';
import type { ReactNode } from 'react';
import type { QuoteLineView, QuoteView } from './quote-model.ts';

const NUMBER_CELL = 'px-2 py-2 text-right tabular-nums whitespace-nowrap';
// Quantity, unit price and tax: their own columns from small screens on and on paper; on a
// phone they are a line under the description, so the decision column keeps its room.
const WIDE_CELL = `${NUMBER_CELL} hidden sm:table-cell print:table-cell`;

/**
 * A quote's lines as the customer reads them, on a phone too: each line's figures and total, and a
 * last column for the decision, either being chosen (`decisionOf`) or as it was decided; under
 * the totals, the approved total (as chosen, or as decided).
 */
export function CustomerQuoteTable({
  quote,
  caption,
  decisionOf,
  approvedTotal,
}: {
  quote: QuoteView;
  caption: string;
  decisionOf?: (line: QuoteLineView) => ReactNode;
  approvedTotal?: string;
}) {
  const money = (cents: number) => formatMoney(cents, quote.currency);
  const decided = quote.decision !== null;
  const lastColumn = decisionOf ?? (decided ? (line: QuoteLineView) => <LineDecision line={line} /> : null);
  const approved = approvedTotal ?? (quote.decision ? money(quote.decision.approvedTotalCents) : undefined);
  return (
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
              Your decision
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {quote.lines.map((line) => (
          <tr key={line.id} className="border-b align-top break-inside-avoid">
            <th scope="row" className="px-2 py-2 text-left font-normal">
              <span className="block font-medium break-words whitespace-pre-wrap">{line.description}</span>
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
            {lastColumn ? <td className="px-2 py-2">{lastColumn(line)}</td> : null}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <TotalRow label="Subtotal" value={money(quote.subtotalCents)} lastColumn={!!lastColumn} />
        <TotalRow
          label={`Tax (${formatRateBps(quote.taxRateBps)})`}
          value={money(quote.taxCents)}
          lastColumn={!!lastColumn}
        />
        <TotalRow label="Total" value={money(quote.totalCents)} lastColumn={!!lastColumn} strong />
        {approved !== undefined ? (
          <TotalRow label="Approved total" value={approved} lastColumn={!!lastColumn} strong />
        ) : null}
      </tfoot>
    </table>
  );
}

/** A total under the Total column: on a phone the label is one cell, elsewhere it spans the figures. */
function TotalRow({
  label,
  value,
  lastColumn,
  strong = false,
}: {
  label: string;
  value: string;
  lastColumn: boolean;
  strong?: boolean;
}) {
  return (
    <tr className={cn(strong && 'text-base font-semibold')}>
      <th scope="row" className="px-2 py-1.5 text-right font-normal sm:hidden print:hidden">
        {label}
      </th>
      <th
        scope="row"
        colSpan={4}
        className="hidden px-2 py-1.5 text-right font-normal sm:table-cell print:table-cell"
      >
        {label}
      </th>
      <td className={cn(NUMBER_CELL, 'py-1.5')}>{value}</td>
      {lastColumn ? <td /> : null}
    </tr>
  );
}

function LineDecision({ line }: { line: QuoteLineView }) {
  if (line.approved === null) return null;
  return line.approved ? (
    <span className="font-medium text-green-800">Approved</span>
  ) : (
    <span className="text-muted-foreground">Declined</span>
  );
}
