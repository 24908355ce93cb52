import { QuoteCard, type QuoteDeciding } from './quote-card.tsx';
import { groupIntoSeries, type QuoteView } from './quote-model.ts';

/** A session's quotes: each one's newest version, and its earlier versions to open, marked as they stand. */
export function QuoteList({ quotes, deciding }: { quotes: readonly QuoteView[]; deciding: QuoteDeciding }) {
  return (
    <div className="grid gap-6">
      {groupIntoSeries(quotes).map(({ seriesId, versions: [latest, ...earlier] }) =>
        latest ? (
          <div key={seriesId} className="grid gap-3">
            <QuoteCard quote={latest} deciding={deciding} />
            {earlier.length ? (
              <details className="rounded-lg border px-4 py-3">
                <summary className="cursor-pointer text-sm font-medium">
                  Earlier versions of this quote ({earlier.length})
                </summary>
                <div className="mt-3 grid gap-3">
                  {earlier.map((version) => (
                    <QuoteCard key={version.id} quote={version} deciding={deciding} headingLevel={4} />
                  ))}
                </div>
              </details>
            ) : null}
          </div>
        ) : null,
      )}
    </div>
  );
}
