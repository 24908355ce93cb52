/**
 * Every `appCode` the API puts in an error's data (`data.appCode`): the codes of session-core's
 * errors (each `SessionCoreError` subclass's `code` is typed by this list). The one list for both
 * sides: the API types its error details with it, the apps read it with `appErrorOf` (api-client),
 * so a misspelt code fails typecheck.
 */
export const APP_ERROR_CODES = [
  'INVALID_SESSION_INPUT',
  'INTAKE_PHOTOS_NOT_AVAILABLE',
  'ACTIVE_SESSION_CONFLICT',
  'INSUFFICIENT_CREDITS',
  'CUSTOMER_NOT_FOUND',
  'MECHANIC_NOT_FOUND',
  'SESSION_NOT_FOUND',
  'ASSIGNMENT_NOT_FOUND',
  'ASSIGNMENT_UNAVAILABLE',
  'MECHANIC_BUSY',
  'ILLEGAL_TRANSITION',
  'NOT_A_PARTICIPANT',
  'FREE_SESSION_USED',
  'CREDIT_PURCHASE_NOT_FOUND',
  'CHECKOUT_NOT_FOUND',
  'ROOM_CLOSED',
  'PHOTO_NOT_AVAILABLE',
  'MESSAGE_ID_TAKEN',
  /** No such quote version for this caller (a draft is never shown to the customer). */
  'QUOTE_NOT_FOUND',
  /** The mechanic may not quote this session: not theirs, not live, or ended over 14 days ago. */
  'SESSION_NOT_QUOTABLE',
  /** Only a draft can be changed, sent or deleted; a sent version is revised instead. */
  'QUOTE_NOT_A_DRAFT',
  /** The version is no longer open: decided, withdrawn, or superseded by a revision. */
  'QUOTE_CLOSED',
  /** The version's valid-until has passed: nothing can be approved any more. */
  'QUOTE_EXPIRED',
  /** A decision must name every line of the version exactly once, and no other line. */
  'QUOTE_LINES_MISMATCH',
  /** Only an ended session with a mechanic, taken part in by this customer, can be rated. */
  'RATING_NOT_ALLOWED',
  /** The rating was given over 7 days ago: it can no longer change. */
  'RATING_LOCKED',
  /** Security email (verification, password reset, invitation) cannot be turned off. */
  'NOTIFICATION_REQUIRED',
  /** No card payment or credit purchase of this customer with that id. */
  'RECEIPT_NOT_FOUND',
  /** The password given to confirm an account change is not the account's password. */
  'INVALID_PASSWORD',
  /** A webhook URL must be https and reach only public addresses (not loopback, private or metadata). */
  'WEBHOOK_URL_REFUSED',
  'WEBHOOK_ENDPOINT_NOT_FOUND',
  'WEBHOOK_ENDPOINT_LIMIT',
  /** The address belongs to an account that is not a customer's (`ensureCustomer`). */
  'EMAIL_NOT_A_CUSTOMER',
  /** An operator disabled this mechanic's account: no accept (and no sign-in). */
  'MECHANIC_DISABLED',
  /** An account (customer, mechanic or operator) has this email already: nobody is invited with it. */
  'ACCOUNT_EXISTS',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

const APP_ERROR_CODE_SET: ReadonlySet<string> = new Set(APP_ERROR_CODES);

/**
 * The `code` of the photo routes' JSON refusals (`{ code, message }` from `/api/photos`): the API
 * answers with these and the apps' uploader reads them, so neither side spells one again.
 */
export const PHOTO_ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'CROSS_SITE_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'ROOM_CLOSED',
  'PHOTO_ALREADY_SENT',
  'PHOTO_TOO_LARGE',
  'NOT_AN_IMAGE',
  'TOO_MANY_PHOTOS',
  'TOO_MANY_REQUESTS',
] as const;

export type PhotoErrorCode = (typeof PHOTO_ERROR_CODES)[number];

const PHOTO_ERROR_CODE_SET: ReadonlySet<string> = new Set(PHOTO_ERROR_CODES);

export function isPhotoErrorCode(value: unknown): value is PhotoErrorCode {
  return typeof value === 'string' && PHOTO_ERROR_CODE_SET.has(value);
}

/** Whether a value read off the wire is one of our codes (an older or newer API may send others). */
export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === 'string' && APP_ERROR_CODE_SET.has(value);
}
