import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { formatDateTime, formatMoney, formatVehicle } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { StatusPill } from '@autodoctor/ui/status-pill';
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
    <div className="grid gap-3">
      <ul className="grid gap-2" aria-label="Your sessions">
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
                <span className="text-muted-foreground">
                  {SESSION_TYPE_LABEL[session.type]} · {chargeOf(session)}
                  {session.mechanic ? ` · ${session.mechanic.name}` : ''}
                </span>
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
