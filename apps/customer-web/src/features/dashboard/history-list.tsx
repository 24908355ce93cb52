import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { formatMoney } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { SessionSummaryList } from '@autodoctor/ui/session-summary-list';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc.ts';

const PAGE_SIZE = 10;

/** The customer's sessions, newest first, a page at a time. */
export function HistoryList() {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.customer.history.infiniteQueryOptions(
      { limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  if (history.isPending) return <LoadingState label="Loading your sessions…" />;
  if (history.isError) {
    return <ErrorState message="Your sessions could not be loaded." onRetry={() => void history.refetch()} />;
  }
  const sessions = history.data.pages.flatMap((page) => page.items);
  if (sessions.length === 0) {
    return (
      <EmptyState
        title="No sessions yet"
        description="When you start a session, it is listed here with what it cost and who helped you."
        action={
          <Button asChild>
            <Link to="/new">Start your first session</Link>
          </Button>
        }
      />
    );
  }
  return (
    <SessionSummaryList
      label="Your sessions"
      sessions={sessions}
      detailOf={(session) => (
        <>
          {SESSION_TYPE_LABEL[session.type]} · {chargeOf(session)}
          {session.mechanic ? ` · ${session.mechanic.name}` : ''}
          {session.summary
            ? ` · ${session.summary.workshopVisitNeeded ? 'Workshop visit needed' : 'No workshop visit needed'}`
            : ''}
        </>
      )}
      link={(session, className, content) => (
        <Link to="/sessions/$sessionId" params={{ sessionId: session.id }} className={className}>
          {content}
        </Link>
      )}
      hasMore={history.hasNextPage}
      loadingMore={history.isFetchingNextPage}
      onLoadMore={() => void history.fetchNextPage()}
    />
  );
}

function chargeOf(session: {
  type: string;
  chargedCredits: number;
  chargedAmountCents: number;
  currency: string | null;
}) {
  if (session.type === 'paid') return formatMoney(session.chargedAmountCents, session.currency);
  if (session.type === 'credit') return `${session.chargedCredits} credit`;
  return 'free';
}
