import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { useState } from 'react';
import type { QuoteView } from './quote-view.ts';
import { QuoteEditor } from './quote-editor.tsx';
import { emptyQuoteValues, quoteValues, type QuoteFormValues } from './quote-form.ts';
import { groupQuoteSeries, QuoteSeries } from './quote-series.tsx';
import { useQuoteActions, useSessionQuotes } from './use-session-quotes.ts';

interface Editing {
  /** The draft being edited; none for a new quote. */
  quoteId?: string;
  title: string;
  values: QuoteFormValues;
}

/**
 * The session's repair quotes on its page: write one (while the session is quotable), its versions,
 * and the customer's decision, which the session feed brings live (useSessionFeed refetches them).
 */
export function SessionQuotes({ sessionId, canWrite }: { sessionId: string; canWrite: boolean }) {
  const quotes = useSessionQuotes(sessionId, true);
  const actions = useQuoteActions(sessionId);
  const [editing, setEditing] = useState<Editing | null>(null);

  const editDraft = (quote: QuoteView) =>
    setEditing({ quoteId: quote.id, title: `Draft, version ${quote.version}`, values: quoteValues(quote) });

  const list = quotes.data ?? [];
  if (!canWrite && list.length === 0) return null;
  const series = groupQuoteSeries(list);
  return (
    <section aria-labelledby="quotes-heading" className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="quotes-heading" className="text-lg font-semibold">
          Repair quotes
        </h2>
        {canWrite && !editing ? (
          <Button
            variant="outline"
            onClick={() => setEditing({ title: 'New quote', values: emptyQuoteValues() })}
          >
            Write a quote
          </Button>
        ) : null}
      </div>
      {canWrite ? (
        <p className="text-sm text-muted-foreground">
          Quote the repair at a workshop. The customer approves it line by line: an approval is a commitment
          to have the work done there, not a payment.
        </p>
      ) : null}
      {editing ? (
        <QuoteEditor
          key={editing.quoteId ?? 'new'}
          title={editing.title}
          initial={editing.values}
          onSave={async (input) => {
            await actions.save(input, editing.quoteId);
            setEditing(null);
          }}
          onSaveAndSend={async (input) => {
            await actions.saveAndSend(input, editing.quoteId);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      {quotes.isError ? <p role="alert">The quotes could not be loaded. {quotes.error.message}</p> : null}
      {quotes.isSuccess && series.length === 0 && !editing ? (
        <EmptyState
          title="No quotes yet"
          description="If the car needs a workshop, write the customer a quote they can approve here."
        />
      ) : null}
      {series.map((versions) => (
        <QuoteSeries
          key={versions[0]!.seriesId}
          versions={versions}
          canWrite={canWrite}
          busyQuoteId={actions.busyQuoteId}
          onEdit={editDraft}
          onSend={(quote) => actions.send(quote.id)}
          onRevise={async (quote) => {
            // The new version starts as a copy of this one: open it to change what needs changing.
            // A refusal was told in a toast (useQuoteActions).
            const draft = await actions.revise(quote.id).catch(() => null);
            if (draft) editDraft(draft);
          }}
          onWithdraw={(quote) => actions.withdraw(quote.id)}
          onDelete={(quote) => actions.remove(quote.id)}
        />
      ))}
    </section>
  );
}
