import { apiErrorInfo, isMissing } from '@autodoctor/api-client/api-error';
import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { LoadingState } from '@autodoctor/ui/loading-state';
import { Link } from '@tanstack/react-router';

export interface SessionNotLoadedProps {
  /** The page's session query, not (yet) successful. */
  query: { isPending: boolean; error: unknown; refetch: () => Promise<unknown> };
  /** The "Session not found" screen in the app's words: why it may not be there, the link home's label. */
  notFound: { description: string; homeLabel: string };
}

/** A session page before its session is there: loading, "Session not found" (not this user's), or the error and a retry. */
export function SessionNotLoaded({ query, notFound }: SessionNotLoadedProps) {
  if (query.isPending) return <LoadingState label="Loading the session…" />;
  const info = apiErrorInfo(query.error);
  if (!isMissing(info)) return <ErrorState message={info.message} onRetry={() => void query.refetch()} />;
  return (
    <EmptyState
      title="Session not found"
      description={notFound.description}
      action={
        <Button asChild>
          <Link to="/">{notFound.homeLabel}</Link>
        </Button>
      }
    />
  );
}
