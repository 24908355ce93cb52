import { approvedTotalCents as sumOfApprovedLines } from '@autodoctor/session-core/rules';
import type { RouterOutputs } from '../../app/trpc.ts';

/** One version of a quote as the customer receives it (session-core's QuoteView). */
export type QuoteView = RouterOutputs['customer']['sessionQuotes'][number];
export type QuoteLineView = QuoteView['lines'][number];

/** One quote: its versions, newest first (the first is the one that counts). */
export interface QuoteSeries {
  seriesId: string;
  versions: QuoteView[];
}

/** The session's quotes grouped by series, the series with the newest version first. */
export function groupIntoSeries(quotes: readonly QuoteView[]): QuoteSeries[] {
  const bySeries = new Map<string, QuoteView[]>();
  for (const quote of quotes) {
    const versions = bySeries.get(quote.seriesId) ?? [];
    versions.push(quote);
    bySeries.set(quote.seriesId, versions);
  }
  const series = [...bySeries].map(([seriesId, versions]) => ({
    seriesId,
    versions: versions.toSorted((a, b) => b.version - a.version),
  }));
  return series.toSorted((a, b) => sentTime(b.versions[0]) - sentTime(a.versions[0]));
}

function sentTime(quote: QuoteView | undefined): number {
  return (quote?.sentAt ?? quote?.createdAt)?.getTime() ?? 0;
}

/** Only a sent version within its validity is decided; the API says `expired` once it is past. */
export function isDecidable(quote: Pick<QuoteView, 'status' | 'validUntil'>, now: number): boolean {
  return quote.status === 'sent' && quote.validUntil.getTime() > now;
}

/** Each line's choice: approved, declined, or not chosen yet. */
export type LineChoices = Readonly<Record<string, boolean | undefined>>;

/** The approved total as the customer chooses: the totals of the lines approved so far. */
export function approvedTotalCents(lines: readonly QuoteLineView[], choices: LineChoices): number {
  return sumOfApprovedLines(
    lines.map((line) => ({ totalCents: line.totalCents, approved: choices[line.id] === true })),
  );
}
