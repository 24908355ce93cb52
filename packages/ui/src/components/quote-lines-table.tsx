import { formatMoney } from '../lib/format.ts';
import { formatQuantity, QUOTE_LINE_KIND_LABEL, type QuoteLineKindName } from '../lib/quote-format.ts';
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

export interface QuoteLinesTableProps {
  caption: string;
  currency: string;
  lines: readonly QuoteTableLine[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  /** The approved lines' total, once the customer decided (adds a Customer column and a row). */
  approvedTotalCents?: number | null;
  className?: string;
}

const NUMBER_CELL = 'py-2 pr-3 text-right tabular-nums whitespace-nowrap';
// Quantity, unit price, amount and tax have columns of their own from small screens up (and on
// paper); on a phone they are a line under the description, so the totals stay in view.
const WIDE_CELL = `${NUMBER_CELL} hidden sm:table-cell print:table-cell`;
const MIDDLE_COLUMNS = 4;

/**
 * A quote's lines and totals, read-only: kind, description, quantity (hours for labour), unit
 * price, amount, tax and line total; the customer's answer per line once decided.
 */
export function QuoteLinesTable(props: QuoteLinesTableProps) {
  const { currency, lines } = props;
  const decided = props.approvedTotalCents !== undefined && props.approvedTotalCents !== null;
  const money = (cents: number) => formatMoney(cents, currency);
  return (
    <div
      className={cn('overflow-x-auto', props.className)}
      tabIndex={0}
      role="region"
      aria-label={props.caption}
    >
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr className="border-b text-left text-muted-foreground">
            <th scope="col" className="py-2 pr-3 font-medium">
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
            <th scope="col" className={cn(NUMBER_CELL, 'pr-0 font-medium')}>
              Total
            </th>
            {decided ? (
              <th scope="col" className="py-2 pl-3 text-right font-medium">
                Customer
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const unitPrice = `${money(line.unitPriceCents)}${line.kind === 'labour' ? ' /h' : ''}`;
            return (
              <tr key={line.id} className="break-inside-avoid border-b align-top">
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  <span className="block text-xs text-muted-foreground">
                    {QUOTE_LINE_KIND_LABEL[line.kind]}
                  </span>
                  <span className="break-words whitespace-pre-wrap">{line.description}</span>
                  <span className="block text-xs text-muted-foreground sm:hidden print:hidden">
                    {formatQuantity(line.quantityMilli, line.kind)} × {unitPrice}
                    {line.taxCents ? ` + ${money(line.taxCents)} tax` : ''}
                  </span>
                </th>
                <td className={WIDE_CELL}>{formatQuantity(line.quantityMilli, line.kind)}</td>
                <td className={WIDE_CELL}>{unitPrice}</td>
                <td className={WIDE_CELL}>{money(line.amountCents)}</td>
                <td className={WIDE_CELL}>{money(line.taxCents)}</td>
                <td className={cn(NUMBER_CELL, 'pr-0 font-medium')}>{money(line.totalCents)}</td>
                {decided ? (
                  <td className="py-2 pl-3 text-right">
                    {line.approved ? (
                      <span className="font-medium text-green-800">Approved</span>
                    ) : (
                      <span className="text-muted-foreground">Declined</span>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
        <tfoot className="tabular-nums">
          <TotalRow label="Subtotal" value={money(props.subtotalCents)} decided={decided} />
          <TotalRow label="Tax" value={money(props.taxCents)} decided={decided} />
          <TotalRow label="Total" value={money(props.totalCents)} decided={decided} strong />
          {decided ? (
            <TotalRow label="Approved total" value={money(props.approvedTotalCents ?? 0)} decided strong />
          ) : null}
        </tfoot>
      </table>
    </div>
  );
}

/** A total under the Total column (the decided table's Customer column stays empty). */
function TotalRow(props: { label: string; value: string; decided: boolean; strong?: boolean }) {
  const label = 'py-1 pr-3 text-right font-[inherit]';
  return (
    <tr className={props.strong ? 'font-semibold' : 'text-muted-foreground'}>
      {/* On a phone the middle columns are hidden: the label spans the Item column alone there. */}
      <th scope="row" className={cn(label, 'sm:hidden print:hidden')}>
        {props.label}
      </th>
      <th
        scope="row"
        colSpan={1 + MIDDLE_COLUMNS}
        className={cn(label, 'hidden sm:table-cell print:table-cell')}
      >
        {props.label}
      </th>
      <td className="py-1 text-right whitespace-nowrap">{props.value}</td>
      {props.decided ? <td /> : null}
    </tr>
  );
}
