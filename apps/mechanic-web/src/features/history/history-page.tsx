import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { formatDateTime, formatVehicle } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { StatusPill } from '@autodoctor/ui/status-pill';
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
        <div className="grid gap-3">
          <ul className="grid gap-2" aria-label="Sessions you handled">
            {sessions.map((session) => (
              <li key={session.id}>
                <Link
                  to="/sessions/$sessionId"
                  params={{ sessionId: session.id }}
                  className="grid gap-1 rounded-lg border bg-card p-4 hover:bg-accent sm:grid-cols-[1fr_auto] sm:items-center sm:gap-4"
                >
                  <span className="grid min-w-0 gap-1">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{formatVehicle(session.vehicle)}</span>
                      <StatusPill status={session.status} />
                    </span>
                    <span className="truncate text-sm text-muted-foreground">{session.concern}</span>
                  </span>
                  <span className="grid gap-0.5 text-sm sm:text-right">
                    <span>{formatDateTime(session.createdAt)}</span>
                    <span className="text-muted-foreground">{SESSION_TYPE_LABEL[session.type]}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          {history.hasNextPage ? (
            <Button
              variant="outline"
              className="justify-self-center"
              pending={history.isFetchingNextPage}
              onClick={() => void history.fetchNextPage()}
            >
              Show older sessions
            </Button>
          ) : null}
        </div>
      )}
    </div>
  );
}
