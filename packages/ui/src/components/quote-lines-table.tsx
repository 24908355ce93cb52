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
  /** The approved lines' total, once the customer decided (adds an Approved column and a row). */
  approvedTotalCents?: number | null;
  className?: string;
}

/**
 * A quote's lines and totals, read-only: kind, description, quantity (hours for labour), unit
 * price, tax and line total; the customer's answer per line once decided. Scrolls sideways on a
 * phone rather than squeezing the columns.
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
      <table className="w-full min-w-[36rem] border-collapse text-sm">
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          <tr className="border-b text-left text-muted-foreground">
            <th scope="col" className="py-2 pr-3 font-medium">
              Item
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Qty
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Unit price
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Amount
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Tax
            </th>
            <th scope="col" className="py-2 text-right font-medium">
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
          {lines.map((line) => (
            <tr key={line.id} className="border-b align-top">
              <th scope="row" className="py-2 pr-3 text-left font-normal">
                <span className="block text-xs text-muted-foreground">
                  {QUOTE_LINE_KIND_LABEL[line.kind]}
                </span>
                <span className="break-words whitespace-pre-wrap">{line.description}</span>
              </th>
              <td className="py-2 pr-3 text-right tabular-nums">
                {formatQuantity(line.quantityMilli, line.kind)}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">
                {money(line.unitPriceCents)}
                {line.kind === 'labour' ? <span className="text-muted-foreground"> /h</span> : null}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">{money(line.amountCents)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{money(line.taxCents)}</td>
              <td className="py-2 text-right font-medium tabular-nums">{money(line.totalCents)}</td>
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
          ))}
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
  return (
    <tr className={props.strong ? 'font-semibold' : undefined}>
      <th scope="row" colSpan={5} className="py-1 pr-3 text-right font-[inherit]">
        {props.label}
      </th>
      <td className="py-1 text-right">{props.value}</td>
      {props.decided ? <td /> : null}
    </tr>
  );
}
