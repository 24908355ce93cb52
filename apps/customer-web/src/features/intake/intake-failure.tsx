import { assertNever, type ApiErrorInfo } from '@autodoctor/api-client/api-error';
import { SESSION_PRICES } from '@autodoctor/session-core/rules';
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
          A session takes {SESSION_PRICES.credit.credits} credit.{' '}
          <Link to="/account" className="font-medium underline underline-offset-4">
            Buy credits
          </Link>{' '}
          or choose another way to pay.
        </Alert>
      );
    case 'FREE_SESSION_USED':
      return <Alert title="You have used your free session">Choose credits or a card payment instead.</Alert>;
    // The rest reach the intake only as the API's own wording (an input rule, a photo gone, …).
    case 'INVALID_SESSION_INPUT':
    case 'INTAKE_PHOTOS_NOT_AVAILABLE':
    case 'CUSTOMER_NOT_FOUND':
    case 'MECHANIC_NOT_FOUND':
    case 'SESSION_NOT_FOUND':
    case 'ASSIGNMENT_NOT_FOUND':
    case 'ASSIGNMENT_UNAVAILABLE':
    case 'MECHANIC_BUSY':
    case 'ILLEGAL_TRANSITION':
    case 'NOT_A_PARTICIPANT':
    case 'CREDIT_PURCHASE_NOT_FOUND':
    case 'CHECKOUT_NOT_FOUND':
    case 'ROOM_CLOSED':
    case 'PHOTO_NOT_AVAILABLE':
    case 'MESSAGE_ID_TAKEN':
    case 'QUOTE_NOT_FOUND':
    case 'SESSION_NOT_QUOTABLE':
    case 'QUOTE_NOT_A_DRAFT':
    case 'QUOTE_CLOSED':
    case 'QUOTE_EXPIRED':
    case 'QUOTE_LINES_MISMATCH':
    case 'RATING_NOT_ALLOWED':
    case 'RATING_LOCKED':
    case 'NOTIFICATION_REQUIRED':
    case 'RECEIPT_NOT_FOUND':
    case 'INVALID_PASSWORD':
    case 'WEBHOOK_URL_REFUSED':
    case 'WEBHOOK_ENDPOINT_NOT_FOUND':
    case 'WEBHOOK_ENDPOINT_LIMIT':
    case 'EMAIL_NOT_A_CUSTOMER':
    case 'MECHANIC_DISABLED':
    case 'ACCOUNT_EXISTS':
    case null:
      return <Alert title="The session could not be started">{failure.message}</Alert>;
    default:
      return assertNever(failure.appCode);
  }
}
