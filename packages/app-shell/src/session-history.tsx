import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { SessionSummaryList, type SessionSummary } from '@autodoctor/ui/session-summary-list';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { SessionLink } from './session-link.tsx';

/** A page of a participant's history, as `customer.history` and `mechanic.history` answer. */
export interface HistoryPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** The history procedures' input and paging, for `infiniteQueryOptions(HISTORY_INPUT, HISTORY_PAGING)`. */
export const HISTORY_INPUT = { limit: 10 };
export const HISTORY_PAGING = {
  getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor ?? undefined,
};

export interface SessionHistoryProps<T extends SessionSummary> {
  history: UseInfiniteQueryResult<InfiniteData<HistoryPage<T>, unknown>, unknown>;
  /** The list's accessible name. */
  label: string;
  /** The line under each row's date (see SessionSummaryList). */
  detailOf: (session: T) => ReactNode;
  /** Before the first session: what will be listed, and a link to where one starts. */
  emptyDescription: string;
  emptyAction: ReactNode;
}

/** A participant's sessions, newest first, each a link to its page, a page at a time. */
export function SessionHistory<T extends SessionSummary>({
  history,
  label,
  detailOf,
  emptyDescription,
  emptyAction,
}: SessionHistoryProps<T>) {
  if (history.isPending) return <LoadingState label="Loading your sessions…" />;
  if (history.isError) {
    return <ErrorState message="Your sessions could not be loaded." onRetry={() => void history.refetch()} />;
  }
  const sessions = history.data.pages.flatMap((page) => page.items);
  if (sessions.length === 0) {
    return (
      <EmptyState
        title="No sessions yet"
        description={emptyDescription}
        action={<Button asChild>{emptyAction}</Button>}
      />
    );
  }
  return (
    <SessionSummaryList
      label={label}
      sessions={sessions}
      detailOf={detailOf}
      link={(session, className, content) => (
        <SessionLink sessionId={session.id} className={className}>
          {content}
        </SessionLink>
      )}
      hasMore={history.hasNextPage}
      loadingMore={history.isFetchingNextPage}
      onLoadMore={() => void history.fetchNextPage()}
    />
  );
}
