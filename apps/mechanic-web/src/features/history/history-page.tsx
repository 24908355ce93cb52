import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { SessionSummaryList } from '@autodoctor/ui/session-summary-list';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTRPC } from '../../app/trpc.ts';
import { usePageTitle } from '../../app/use-page-title.ts';

const PAGE_SIZE = 10;

/** The sessions this mechanic handled, newest first, a page at a time. */
export function HistoryPage() {
  usePageTitle('History');
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.mechanic.history.infiniteQueryOptions(
      { limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const sessions = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="grid gap-6">
      <h1 className="text-2xl font-semibold">History</h1>
      {history.isPending ? (
        <LoadingState label="Loading your sessions…" />
      ) : history.isError ? (
        <ErrorState message="Your sessions could not be loaded." onRetry={() => void history.refetch()} />
      ) : sessions.length === 0 ? (
        <EmptyState
          title="No sessions yet"
          description="The sessions you accept are listed here, newest first."
          action={
            <Button asChild>
              <Link to="/">Go to the queue</Link>
            </Button>
          }
        />
      ) : (
        <SessionSummaryList
          label="Sessions you handled"
          sessions={sessions}
          detailOf={(session) => SESSION_TYPE_LABEL[session.type]}
          link={(session, className, content) => (
            <Link to="/sessions/$sessionId" params={{ sessionId: session.id }} className={className}>
              {content}
            </Link>
          )}
          hasMore={history.hasNextPage}
          loadingMore={history.isFetchingNextPage}
          onLoadMore={() => void history.fetchNextPage()}
        />
      )}
    </div>
  );
}
