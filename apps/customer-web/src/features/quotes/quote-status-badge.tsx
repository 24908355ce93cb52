import { cn } from '@autodoctor/ui/lib/cn';
import { QUOTE_STATUS_PRESENTATION, type QuoteStatusName } from '@autodoctor/ui/lib/quote-format';

/** A quote version's state as a pill; a sent one is waiting for the customer's decision. */
export function QuoteStatusBadge({ status }: { status: QuoteStatusName }) {
  const look = QUOTE_STATUS_PRESENTATION[status];
  return (
    <span
      className={cn('inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold', look.pill)}
    >
      {status === 'sent' ? 'Awaiting your decision' : look.label}
    </span>
  );
}
