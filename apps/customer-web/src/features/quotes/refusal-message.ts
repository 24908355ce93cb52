import { assertNever, type ApiErrorInfo } from '@autodoctor/api-client/api-error';

/** What the customer reads when a decision on a quote, or a rating, is refused. */
export function refusalMessage(failure: ApiErrorInfo): { title: string; message: string } {
  switch (failure.appCode) {
    case 'QUOTE_EXPIRED':
      return {
        title: 'This quote has expired',
        message: 'It can no longer be approved. Ask your mechanic for a new version.',
      };
    case 'QUOTE_CLOSED':
      return {
        title: 'This quote is no longer open',
        message:
          'It was decided, withdrawn or replaced by a newer version in the meantime. The page now shows where it stands.',
      };
    case 'QUOTE_NOT_FOUND':
      return {
        title: 'This quote is not available',
        message: 'It may have been withdrawn, or it is not yours.',
      };
    case 'QUOTE_LINES_MISMATCH':
      return {
        title: 'The quote’s lines changed',
        message: 'Choose approve or decline again for every line as it is shown now.',
      };
    case 'INVALID_SESSION_INPUT':
      return { title: 'Please check your decision', message: failure.message };
    case 'NOT_A_PARTICIPANT':
    case 'SESSION_NOT_FOUND':
      return {
        title: 'This quote is not yours to decide',
        message: 'It belongs to a session of another account.',
      };
    case 'RATING_NOT_ALLOWED':
      return {
        title: 'This session cannot be rated',
        message: 'Only an ended session with a mechanic can be rated.',
      };
    case 'RATING_LOCKED':
      return {
        title: 'Your rating can no longer be changed',
        message: 'A rating can be changed for 7 days after it was first given.',
      };
    // Not a refusal of a quote decision or a rating: the API's own wording.
    case 'INTAKE_PHOTOS_NOT_AVAILABLE':
    case 'ACTIVE_SESSION_CONFLICT':
    case 'INSUFFICIENT_CREDITS':
    case 'CUSTOMER_NOT_FOUND':
    case 'MECHANIC_NOT_FOUND':
    case 'ASSIGNMENT_NOT_FOUND':
    case 'ASSIGNMENT_UNAVAILABLE':
    case 'MECHANIC_BUSY':
    case 'ILLEGAL_TRANSITION':
    case 'FREE_SESSION_USED':
    case 'CREDIT_PURCHASE_NOT_FOUND':
    case 'CHECKOUT_NOT_FOUND':
    case 'ROOM_CLOSED':
    case 'PHOTO_NOT_AVAILABLE':
    case 'MESSAGE_ID_TAKEN':
    case 'NOTIFICATION_REQUIRED':
    case 'RECEIPT_NOT_FOUND':
    case 'INVALID_PASSWORD':
    case 'WEBHOOK_URL_REFUSED':
    case 'WEBHOOK_ENDPOINT_NOT_FOUND':
    case 'WEBHOOK_ENDPOINT_LIMIT':
    case 'EMAIL_NOT_A_CUSTOMER':
    case 'MECHANIC_DISABLED':
    case 'ACCOUNT_EXISTS':
    case 'SESSION_NOT_QUOTABLE':
    case 'QUOTE_NOT_A_DRAFT':
    case null:
      return {
        title: failure.code === 'TOO_MANY_REQUESTS' ? 'Too many attempts' : 'That did not go through',
        message: failure.message,
      };
    default:
      return assertNever(failure.appCode);
  }
}
