import { cn } from '../lib/cn.ts';
import { QUOTE_STATUS_PRESENTATION, type QuoteStatusName } from '../lib/quote-format.ts';

/**
 * A quote version's status as a coloured pill. The customer reads it in their own words where
 * those differ: a sent version is waiting for their decision.
 */
export function QuoteStatusPill({
  status,
  reader,
  className,
}: {
  status: QuoteStatusName;
  reader: 'customer' | 'mechanic';
  className?: string;
}) {
  const look = QUOTE_STATUS_PRESENTATION[status];
  const label = reader === 'customer' ? (look.customerLabel ?? look.label) : look.label;
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold',
        look.pill,
        className,
      )}
      aria-label={`Status: ${label}`}
    >
      {label}
    </span>
  );
}
