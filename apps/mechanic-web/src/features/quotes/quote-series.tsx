import { Button } from '@autodoctor/ui/button';
import { ConfirmDialog } from '@autodoctor/ui/confirm-dialog';
import { formatDateTime, formatMoney } from '@autodoctor/ui/lib/format';
import { formatDate, formatRateBps } from '@autodoctor/ui/lib/quote-format';
import { cn } from '@autodoctor/ui/lib/cn';
import { QuoteLinesTable } from '@autodoctor/ui/quote-lines-table';
import { QuoteStatusPill } from '@autodoctor/ui/quote-status-pill';
import type { QuoteView } from './quote-view.ts';

export interface QuoteSeriesActions {
  onEdit: (quote: QuoteView) => void;
  onSend: (quote: QuoteView) => Promise<unknown>;
  onRevise: (quote: QuoteView) => Promise<unknown>;
  onWithdraw: (quote: QuoteView) => Promise<unknown>;
  onDelete: (quote: QuoteView) => Promise<unknown>;
  /** The quote an action runs on. */
  busyQuoteId: string | null;
  /** False once the session is past its quoting window: everything is read-only. */
  canWrite: boolean;
}

/** The session's quotes, grouped by series (a quote and its revisions), the newest series first. */
export function groupQuoteSeries(quotes: readonly QuoteView[]): QuoteView[][] {
  const series = new Map<string, QuoteView[]>();
  for (const quote of quotes) series.set(quote.seriesId, [...(series.get(quote.seriesId) ?? []), quote]);
  return [...series.values()]
    .map((versions) => versions.toSorted((a, b) => b.version - a.version))
    .toSorted((a, b) => b[0]!.createdAt.getTime() - a[0]!.createdAt.getTime());
}

/**
 * One quote: its newest version in full (lines, totals, workshop, the customer's decision) with
 * what can be done to it; the earlier versions below, each readable in full.
 */
export function QuoteSeries({ versions, ...actions }: { versions: QuoteView[] } & QuoteSeriesActions) {
  const [current, ...earlier] = versions;
  if (!current) return null;
  return (
    <article aria-labelledby={`quote-${current.seriesId}`} className="grid gap-4 rounded-lg border p-4">
      <QuoteVersion quote={current} headingId={`quote-${current.seriesId}`} current {...actions} />
      {earlier.length > 0 ? (
        <details className="grid gap-3">
          <summary className="cursor-pointer text-sm font-medium">
            Earlier versions ({earlier.length})
          </summary>
          <ol className="mt-3 grid gap-4" aria-label="Earlier versions">
            {earlier.map((quote) => (
              <li key={quote.id} className="rounded-md border border-dashed p-3">
                <QuoteVersion quote={quote} current={false} {...actions} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </article>
  );
}

function QuoteVersion({
  quote,
  headingId,
  current,
  ...actions
}: { quote: QuoteView; headingId?: string; current: boolean } & QuoteSeriesActions) {
  const busy = actions.busyQuoteId === quote.id;
  const title = `Quote, version ${quote.version}`;
  return (
    // The earnings page links a quote bonus here (`#quote-version-<id>`).
    <div id={`quote-version-${quote.id}`} className="grid scroll-mt-20 gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-semibold">
          {title}
        </h3>
        <QuoteStatusPill status={quote.status} reader="mechanic" />
      </div>
      <p className="text-sm text-muted-foreground">{versionDates(quote)}</p>
      <Decision quote={quote} />
      <QuoteLinesTable quote={quote} caption={`${title}: lines and totals`} decisionHeading="Customer" />
      <dl className="grid gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-muted-foreground">Workshop</dt>
          <dd className="font-medium">{quote.workshopName}</dd>
          <dd className="whitespace-pre-wrap">{quote.workshopAddress}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Tax rate</dt>
          <dd>{formatRateBps(quote.taxRateBps)}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Valid until</dt>
          <dd>{formatDate(quote.validUntil)}</dd>
        </div>
        {quote.note ? (
          <div className="sm:col-span-3">
            <dt className="text-muted-foreground">Note</dt>
            <dd className="whitespace-pre-wrap">{quote.note}</dd>
          </div>
        ) : null}
      </dl>
      {actions.canWrite ? <VersionActions quote={quote} busy={busy} current={current} {...actions} /> : null}
    </div>
  );
}

function versionDates(quote: QuoteView): string {
  const parts = [`Written ${formatDateTime(quote.createdAt)}`];
  if (quote.sentAt) parts.push(`sent ${formatDateTime(quote.sentAt)}`);
  if (quote.closedAt && !quote.decision) parts.push(`closed ${formatDateTime(quote.closedAt)}`);
  return parts.join(' · ');
}

/** The customer's answer, announced when it arrives (the session feed refetches the quotes). */
function Decision({ quote }: { quote: QuoteView }) {
  const { decision } = quote;
  return (
    <div aria-live="polite">
      {decision ? (
        <p
          className={cn(
            'rounded-md border px-3 py-2 text-sm',
            quote.status === 'approved' ? 'border-green-200 bg-green-50 text-green-950' : 'bg-muted',
          )}
        >
          {quote.status === 'approved' ? (
            <>
              <strong>Approved</strong>: {quote.lines.filter((line) => line.approved).length} of{' '}
              {quote.lines.length} lines, {formatMoney(decision.approvedTotalCents, quote.currency)}
            </>
          ) : (
            <strong>Declined</strong>
          )}
          , signed “{decision.signatureName}” on {formatDateTime(decision.decidedAt)}.
        </p>
      ) : null}
    </div>
  );
}

/** What can be done to a version; only the series' newest is revised (one draft at a time). */
function VersionActions({
  quote,
  busy,
  current,
  ...actions
}: { quote: QuoteView; busy: boolean; current: boolean } & QuoteSeriesActions) {
  const name = `version ${quote.version}`;
  switch (quote.status) {
    case 'draft':
      return (
        <div className="flex flex-wrap gap-2">
          <Button pending={busy} onClick={() => void actions.onSend(quote)}>
            Send to the customer
          </Button>
          <Button variant="outline" disabled={busy} onClick={() => actions.onEdit(quote)}>
            Edit draft
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="ghost" disabled={busy}>
                Delete draft
              </Button>
            }
            title={`Delete the draft, ${name}?`}
            description="The customer never saw it. Earlier versions stay as they are."
            confirmLabel="Delete draft"
            cancelLabel="Keep it"
            destructive
            onConfirm={() => actions.onDelete(quote)}
          />
        </div>
      );
    case 'sent':
      return (
        <div className="flex flex-wrap gap-2">
          {current ? (
            <Button variant="outline" pending={busy} onClick={() => void actions.onRevise(quote)}>
              Revise
            </Button>
          ) : null}
          <ConfirmDialog
            trigger={
              <Button variant="ghost" disabled={busy}>
                Withdraw
              </Button>
            }
            title={`Withdraw ${name}?`}
            description="The customer can no longer approve it."
            confirmLabel="Withdraw quote"
            cancelLabel="Keep it"
            destructive
            onConfirm={() => actions.onWithdraw(quote)}
          />
        </div>
      );
    case 'declined':
    case 'expired':
      if (!current) return null;
      return (
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" pending={busy} onClick={() => void actions.onRevise(quote)}>
            Revise
          </Button>
        </div>
      );
    case 'approved':
    case 'withdrawn':
    case 'superseded':
      return null;
  }
}
