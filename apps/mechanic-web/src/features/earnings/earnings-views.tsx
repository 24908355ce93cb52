import type { EarningKind } from '@autodoctor/session-core/rules';
import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { formatDateTime, formatMoney, formatVehicle } from '@autodoctor/ui/lib/format';
import { formatRateBps } from '@autodoctor/ui/lib/quote-format';
import { RatingStars } from '@autodoctor/ui/rating-stars';
import { cn } from '@autodoctor/ui/lib/cn';
import type { ReactNode } from 'react';
import type { EarningLineView, EarningsSummary, RatingView } from './earnings-types.ts';

export const EARNING_KIND_LABEL = {
  referral_fee: 'Referral fee',
  quote_bonus: 'Quote bonus',
  payout: 'Payout',
} as const satisfies Record<EarningKind, string>;

/** Balance, this month and last month (months in the mechanic's own time zone). */
export function EarningsTotals({ summary }: { summary: EarningsSummary }) {
  const money = (cents: number) => formatMoney(cents, summary.currency);
  return (
    <div role="group" aria-label="Your earnings">
      <dl className="grid gap-3 sm:grid-cols-3">
        <Figure label="Balance" value={money(summary.balanceCents)} hint="Earned and not yet paid out" />
        <Figure label="This month" value={money(summary.thisMonthCents)} />
        <Figure label="Last month" value={money(summary.lastMonthCents)} />
      </dl>
    </div>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="grid gap-1 rounded-lg border bg-card p-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

export interface EarningLinesProps {
  lines: readonly EarningLineView[];
  /** A link to the line's session (and quote), rendered by the app's router. */
  sessionLink: (line: EarningLineView & { sessionId: string }, children: ReactNode) => ReactNode;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** Every line of the ledger, newest first: what earned it, the basis and rate, the amount. */
export function EarningLines({ lines, sessionLink, hasMore, loadingMore, onLoadMore }: EarningLinesProps) {
  if (lines.length === 0) {
    return (
      <EmptyState
        title="No earnings yet"
        description="You earn a referral fee on each paid session you end, and a bonus when a customer approves your quote."
      />
    );
  }
  return (
    <div className="grid gap-3">
      <ol aria-label="Earnings lines" className="grid divide-y rounded-lg border">
        {lines.map((line) => (
          <li key={line.id} className="grid gap-1 p-3 sm:grid-cols-[1fr_auto] sm:items-center sm:gap-4">
            <div className="grid gap-0.5">
              <p className="font-medium">
                {EARNING_KIND_LABEL[line.kind]}
                {line.kind === 'payout' ? null : (
                  <>
                    {' · '}
                    {line.sessionId
                      ? sessionLink({ ...line, sessionId: line.sessionId }, lineSubject(line))
                      : lineSubject(line)}
                  </>
                )}
              </p>
              <p className="text-sm text-muted-foreground">
                <time dateTime={line.createdAt.toISOString()}>{formatDateTime(line.createdAt)}</time>
                {basisOf(line) ? ` · ${basisOf(line)}` : null}
                {line.kind === 'payout' && line.reference ? ` · reference ${line.reference}` : null}
              </p>
            </div>
            <p
              className={cn(
                'text-right font-semibold tabular-nums sm:text-base',
                line.amountCents < 0 ? 'text-muted-foreground' : 'text-green-800',
              )}
            >
              {formatMoney(line.amountCents, line.currency)}
            </p>
          </li>
        ))}
      </ol>
      {hasMore ? (
        <Button variant="outline" className="justify-self-center" pending={loadingMore} onClick={onLoadMore}>
          Show older lines
        </Button>
      ) : null}
    </div>
  );
}

function lineSubject(line: EarningLineView): string {
  return line.kind === 'quote_bonus' && line.quoteVersion !== null
    ? `${line.label}, quote version ${line.quoteVersion}`
    : line.label;
}

/** "2 % of $45.00": how the line was computed. */
function basisOf(line: EarningLineView): string | null {
  if (line.basisCents === null || line.rateBps === null) return null;
  const of = line.kind === 'quote_bonus' ? 'of the approved' : 'of';
  return `${formatRateBps(line.rateBps)} ${of} ${formatMoney(line.basisCents, line.currency)}`;
}

export interface RatingsProps {
  ratings: readonly RatingView[];
  average: number | null;
  count: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

const averageFormat = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** The customers' ratings of this mechanic's sessions, and their average. */
export function Ratings({ ratings, average, count, hasMore, loadingMore, onLoadMore }: RatingsProps) {
  if (count === 0 || average === null) {
    return (
      <EmptyState
        title="No ratings yet"
        description="Customers can rate a session after it ends; their ratings show here."
      />
    );
  }
  return (
    <div className="grid gap-3">
      <p className="flex items-center gap-2">
        <RatingStars stars={Math.round(average)} />
        <span>
          <span className="text-lg font-semibold">{averageFormat.format(average)}</span> out of 5, from{' '}
          {count} {count === 1 ? 'rating' : 'ratings'}
        </span>
      </p>
      <ol aria-label="Ratings" className="grid divide-y rounded-lg border">
        {ratings.map((rating) => (
          <li key={rating.sessionId} className="grid gap-1 p-3">
            <p className="flex flex-wrap items-center gap-2">
              <RatingStars stars={rating.stars} />
              <span className="font-medium">{formatVehicle(rating.vehicle)}</span>
              <time className="text-sm text-muted-foreground" dateTime={rating.updatedAt.toISOString()}>
                {formatDateTime(rating.updatedAt)}
              </time>
            </p>
            {rating.comment ? <p className="text-sm whitespace-pre-wrap">{rating.comment}</p> : null}
          </li>
        ))}
      </ol>
      {hasMore ? (
        <Button variant="outline" className="justify-self-center" pending={loadingMore} onClick={onLoadMore}>
          Show older ratings
        </Button>
      ) : null}
    </div>
  );
}
