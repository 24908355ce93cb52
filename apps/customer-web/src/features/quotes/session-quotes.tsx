import { Card, CardContent } from '@autodoctor/ui/card';
import { ErrorState } from '@autodoctor/ui/error-state';
import { QuoteList } from './quote-list.tsx';
import { useDecideQuote, useSessionQuotes } from './use-session-quotes.ts';

/** The session page's quotes: shown once the mechanic sends one, live (the session's feed refetches them). */
export function SessionQuotes({ sessionId }: { sessionId: string }) {
  const quotes = useSessionQuotes(sessionId);
  const deciding = useDecideQuote(sessionId);
  if (quotes.isError) {
    return (
      <Card>
        <CardContent>
          <ErrorState title="Your repair quotes could not be loaded" onRetry={() => void quotes.refetch()} />
        </CardContent>
      </Card>
    );
  }
  if (!quotes.data?.length) return null;
  return (
    <section aria-labelledby="quotes-heading" className="grid gap-3">
      <h2 id="quotes-heading" className="text-lg font-semibold print:hidden">
        Repair quotes
      </h2>
      <QuoteList quotes={quotes.data} deciding={deciding} />
    </section>
  );
}
