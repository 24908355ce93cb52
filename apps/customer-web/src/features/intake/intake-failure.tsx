import type { ApiErrorInfo } from '@autodoctor/api-client/api-error';
import { Alert } from '@autodoctor/ui/alert';
import { Link } from '@tanstack/react-router';

/** What the API refused, with the way forward. */
export function IntakeFailure({ failure }: { failure: ApiErrorInfo }) {
  switch (failure.appCode) {
    case 'ACTIVE_SESSION_CONFLICT':
      return (
        <Alert title="You already have an active session">
          Finish or cancel it before starting another.{' '}
          {failure.activeSessionId ? (
            <Link
              to="/sessions/$sessionId"
              params={{ sessionId: failure.activeSessionId }}
              className="font-medium underline underline-offset-4"
            >
              Go to your active session
            </Link>
          ) : null}
        </Alert>
      );
    case 'INSUFFICIENT_CREDITS':
      return (
        <Alert title="Not enough credits">
          A session takes 1 credit.{' '}
          <Link to="/account" className="font-medium underline underline-offset-4">
            Buy credits
          </Link>{' '}
          or choose another way to pay.
        </Alert>
      );
    case 'FREE_SESSION_USED':
      return <Alert title="You have used your free session">Choose credits or a card payment instead.</Alert>;
    default:
      return <Alert title="The session could not be started">{failure.message}</Alert>;
  }
}
