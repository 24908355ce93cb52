import { assertNever, type ApiErrorInfo } from '@autodoctor/api-client/api-error';

/** A refused accept, as the mechanic is told it; `gone`: the entry leaves their queue. */
export interface AcceptRefusalOutcome {
  gone: boolean;
  message: string;
}

const GONE: AcceptRefusalOutcome = {
  gone: true,
  message: 'Another mechanic took this session (or its customer withdrew it). It is no longer in your queue.',
};

export function acceptRefusalOf({ code, appCode, message }: ApiErrorInfo): AcceptRefusalOutcome {
  switch (appCode) {
    case 'ASSIGNMENT_UNAVAILABLE':
    case 'ASSIGNMENT_NOT_FOUND':
      return GONE;
    case 'MECHANIC_BUSY':
      // The banner was out of date; the query client refetches it after any accept.
      return {
        gone: false,
        message: 'You already have an active session: finish it before accepting another.',
      };
    case 'MECHANIC_DISABLED':
      // Their sign-in ends with it: the app goes to its sign-in screen.
      return { gone: false, message: 'Your account has been disabled: you cannot accept sessions.' };
    case 'INVALID_SESSION_INPUT':
    case 'INTAKE_PHOTOS_NOT_AVAILABLE':
    case 'ACTIVE_SESSION_CONFLICT':
    case 'INSUFFICIENT_CREDITS':
    case 'CUSTOMER_NOT_FOUND':
    case 'MECHANIC_NOT_FOUND':
    case 'SESSION_NOT_FOUND':
    case 'ILLEGAL_TRANSITION':
    case 'NOT_A_PARTICIPANT':
    case 'FREE_SESSION_USED':
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
    case 'ACCOUNT_EXISTS':
      return { gone: false, message };
    case null:
      return code === 'NOT_FOUND' ? GONE : { gone: false, message };
    default:
      return assertNever(appCode);
  }
}
