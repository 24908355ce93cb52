import { formatDateTime, formatMoney, formatVehicle } from '@autodoctor/ui/lib/format';
import { Link } from '@tanstack/react-router';
import { FileText } from 'lucide-react';
import { useOpenQuotes } from './use-open-quotes.ts';

/** The dashboard's quotes waiting for a decision; one the mechanic sends shows at once. */
export function OpenQuotes() {
  const quotes = useOpenQuotes();
  if (!quotes.data?.length) return null;
  return (
    <section aria-labelledby="open-quotes-heading" className="grid gap-3">
      <h2 id="open-quotes-heading" className="text-lg font-semibold">
        Quotes waiting for your decision
      </h2>
      <ul className="grid gap-2" aria-label="Quotes waiting for your decision">
        {quotes.data.map((quote) => (
          <li key={quote.id}>
            <Link
              to="/sessions/$sessionId"
              params={{ sessionId: quote.sessionId }}
              hash="quotes-heading"
              className="grid gap-1 rounded-lg border bg-card p-4 hover:bg-accent sm:grid-cols-[auto_1fr_auto] sm:items-center sm:gap-4"
            >
              <FileText className="hidden size-5 text-muted-foreground sm:block" aria-hidden="true" />
              <span className="grid gap-0.5">
                <span className="font-medium">
                  {quote.workshopName}: {formatMoney(quote.totalCents, quote.currency)}
                </span>
                <span className="text-sm text-muted-foreground">
                  {formatVehicle(quote.vehicle)} · from {quote.mechanicName} · version {quote.version}
                </span>
              </span>
              <span className="text-sm sm:text-right">Valid until {formatDateTime(quote.validUntil)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
