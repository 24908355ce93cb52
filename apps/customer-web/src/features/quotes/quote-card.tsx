import type { ApiErrorInfo } from '@autodoctor/api-client/api-error';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { formatDateTime, formatMoney } from '@autodoctor/ui/lib/format';
import { formatRateBps, type QuoteStatusName } from '@autodoctor/ui/lib/quote-format';
import { useNow } from '@autodoctor/ui/lib/use-now';
import { QuoteLinesTable } from '@autodoctor/ui/quote-lines-table';
import { QuoteStatusPill } from '@autodoctor/ui/quote-status-pill';
import { Printer } from 'lucide-react';
import { useId, useRef } from 'react';
import { QuoteDecisionForm, type QuoteDecision } from './quote-decision-form.tsx';
import { isDecidable, type QuoteView } from './quote-model.ts';
import { printQuote } from './print-quote.ts';

/** Deciding one quote version: the mutation's state, shared by the page's cards. */
export interface QuoteDeciding {
  decide: (decision: QuoteDecision) => void;
  /** The version being decided now, if any. */
  pendingQuoteId: string | null;
  /** The last refusal, for the version it refused. */
  failure: { quoteId: string; info: ApiErrorInfo } | null;
}

const CLOCK_MS = 15_000;

/** One version of a quote: who, where, until when, its lines and totals, and the decision or its state. */
export function QuoteCard({
  quote,
  deciding,
  headingLevel = 3,
}: {
  quote: QuoteView;
  deciding: QuoteDeciding;
  headingLevel?: 3 | 4;
}) {
  const headingId = useId();
  const article = useRef<HTMLElement>(null);
  const now = useNow(CLOCK_MS);
  // The API says `expired` once past its validity; the page says it as soon as the clock passes it.
  const status: QuoteStatusName =
    quote.status === 'sent' && !isDecidable(quote, now) ? 'expired' : quote.status;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article
      ref={article}
      aria-labelledby={headingId}
      data-quote-id={quote.id}
      className="grid gap-4 rounded-lg border bg-card p-4 sm:p-5 print:border-0 print:p-0"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="grid gap-1">
          <Heading id={headingId} className="text-base font-semibold">
            Quote from {quote.workshopName} · version {quote.version}
          </Heading>
          <p className="text-sm text-muted-foreground">
            Written by {quote.mechanicName}
            {quote.sentAt ? `, sent ${formatDateTime(quote.sentAt)}` : ''}
          </p>
        </div>
        <QuoteStatusPill status={status} reader="customer" />
      </div>

      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-muted-foreground">Workshop</dt>
          <dd>
            {quote.workshopName}
            <br />
            <span className="whitespace-pre-wrap">{quote.workshopAddress}</span>
          </dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Valid until</dt>
          <dd>{formatDateTime(quote.validUntil)}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Tax rate</dt>
          <dd>{formatRateBps(quote.taxRateBps)}</dd>
        </div>
        {quote.note ? (
          <div className="sm:col-span-2">
            <dt className="text-muted-foreground">Note from {quote.mechanicName}</dt>
            <dd className="whitespace-pre-wrap">{quote.note}</dd>
          </div>
        ) : null}
      </dl>

      {status === 'sent' ? (
        <QuoteDecisionForm
          quote={quote}
          onDecide={deciding.decide}
          pending={deciding.pendingQuoteId === quote.id}
          failure={deciding.failure?.quoteId === quote.id ? deciding.failure.info : null}
        />
      ) : (
        <>
          <QuoteLinesTable
            quote={quote}
            caption={`Quote lines, version ${quote.version}`}
            decisionHeading="Your decision"
          />
          <QuoteState quote={quote} status={status} />
        </>
      )}

      <Button
        variant="outline"
        size="sm"
        className="justify-self-start print:hidden"
        onClick={() => article.current && printQuote(article.current)}
      >
        <Printer aria-hidden="true" />
        Print this quote
      </Button>
    </article>
  );
}

/** Why a version can no longer be decided, or what was decided. */
function QuoteState({ quote, status }: { quote: QuoteView; status: QuoteStatusName }) {
  const closed = quote.closedAt ? ` on ${formatDateTime(quote.closedAt)}` : '';
  switch (status) {
    case 'approved':
    case 'declined': {
      const decision = quote.decision;
      if (!decision) return null;
      const who = `${decision.signatureName} on ${formatDateTime(decision.decidedAt)}`;
      return status === 'approved' ? (
        <Alert tone="success" title={`Approved: ${formatMoney(decision.approvedTotalCents, quote.currency)}`}>
          Signed by {who}. This is a commitment to have the approved work done at {quote.workshopName}, not a
          payment.
        </Alert>
      ) : (
        <Alert tone="info" title="Declined">
          Every line was declined, signed by {who}.
        </Alert>
      );
    }
    case 'expired':
      return (
        <Alert tone="info" title="This quote has expired">
          It was valid until {formatDateTime(quote.validUntil)} and can no longer be approved. Ask your
          mechanic for a new version.
        </Alert>
      );
    case 'withdrawn':
      return (
        <Alert tone="info" title="Withdrawn">
          {quote.mechanicName} withdrew this quote{closed}. It can no longer be approved.
        </Alert>
      );
    case 'superseded':
      return (
        <Alert tone="info" title="Superseded by a newer version">
          A newer version replaced this one{closed}. Only the newest version can be decided.
        </Alert>
      );
    case 'draft':
    case 'sent':
      return null;
  }
}
