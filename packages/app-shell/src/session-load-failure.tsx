import { apiErrorInfo, isMissing } from '@autodoctor/api-client/api-error';
import { Button } from '@autodoctor/ui/button';
import { EmptyState } from '@autodoctor/ui/empty-state';
import { ErrorState } from '@autodoctor/ui/error-state';
import { Link } from '@tanstack/react-router';

export interface SessionLoadFailureProps {
  error: unknown;
  onRetry: () => void;
  /** Why the session may not be there, in the app's words. */
  notFoundDescription: string;
  /** The not-found screen's link home, e.g. "Back to the queue". */
  homeLabel: string;
}

/** A session page whose session did not load: "Session not found" when it is not this user's, else the error and a retry. */
export function SessionLoadFailure({
  error,
  onRetry,
  notFoundDescription,
  homeLabel,
}: SessionLoadFailureProps) {
  const info = apiErrorInfo(error);
  if (!isMissing(info)) return <ErrorState message={info.message} onRetry={onRetry} />;
  return (
    <EmptyState
      title="Session not found"
      description={notFoundDescription}
      action={
        <Button asChild>
          <Link to="/">{homeLabel}</Link>
        </Button>
      }
    />
  );
}
