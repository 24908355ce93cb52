import type { AppErrorCode } from './rules/error-codes.ts';
import type { SessionStatus } from './rules/statuses.ts';

/**
 * How a caller should treat an error: the API maps each kind to one tRPC code
 * (BAD_REQUEST, NOT_FOUND, FORBIDDEN, CONFLICT).
 */
export type SessionErrorKind = 'invalid' | 'not_found' | 'forbidden' | 'conflict';

/** Base class of every error session-core throws on purpose. Nothing was changed when one is thrown. */
export abstract class SessionCoreError extends Error {
  abstract readonly kind: SessionErrorKind;
  /** Stable, machine-readable name of the error: one of APP_ERROR_CODES, sent to clients as `appCode`. */
  abstract readonly code: AppErrorCode;

  constructor(message: string) {
    // An expected outcome (a lost race, a bad input), not a fault: no stack trace. Formatting one
    // (source-mapped under tsx) cost more CPU than the rest of a refused accept.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.name = new.target.name;
  }
}

/** The base of a not-found error, its message `No ${what} ${id}`: `id` names what was asked for. */
function notFoundError<const TCode extends AppErrorCode>(code: TCode, what: string) {
  return class extends SessionCoreError {
    readonly kind = 'not_found';
    readonly code = code;
    constructor(readonly id: string) {
      super(`No ${what} ${id}`);
    }
  };
}

/** The input broke a rule of the intake (see `createSessionInputSchema`). */
export class InvalidSessionInputError extends SessionCoreError {
  readonly kind = 'invalid';
  readonly code = 'INVALID_SESSION_INPUT';
  constructor(
    /** One entry per problem: where, and what is wrong. */
    readonly issues: { path: string; message: string }[],
  ) {
    super(
      `Invalid session input: ${issues.map((issue) => `${issue.path || 'input'}: ${issue.message}`).join('; ')}`,
    );
  }
}

/**
 * Photos named by an intake are not all the customer's own unattached uploads (another
 * person's, already attached elsewhere, removed, or unknown): the session is not created.
 */
export class IntakePhotosNotAvailableError extends SessionCoreError {
  readonly kind = 'invalid';
  readonly code = 'INTAKE_PHOTOS_NOT_AVAILABLE';
  constructor(
    /** The ids that could not be attached. */
    readonly photoIds: string[],
  ) {
    super(
      photoIds.length === 1
        ? 'A photo of this intake is no longer available: remove it or upload it again'
        : `${photoIds.length} photos of this intake are no longer available: remove them or upload them again`,
    );
  }
}

/** The customer already has a session in an active status. */
export class ActiveSessionConflictError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'ACTIVE_SESSION_CONFLICT';
  constructor(readonly activeSessionId: string) {
    super(`The customer already has an active session (${activeSessionId})`);
  }
}

/** A credit session costs more credits than the customer has. */
export class InsufficientCreditsError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'INSUFFICIENT_CREDITS';
  constructor(
    readonly required: number,
    readonly available: number,
  ) {
    super(`A credit session costs ${required} credit(s); the balance is ${available}`);
  }
}

/** No user with that id, or the user is not a customer. */
export class CustomerNotFoundError extends notFoundError('CUSTOMER_NOT_FOUND', 'customer with id') {}

/** No user with that id, or the user is not a mechanic. */
export class MechanicNotFoundError extends notFoundError('MECHANIC_NOT_FOUND', 'mechanic with id') {}

/** No session with that id. */
export class SessionNotFoundError extends notFoundError('SESSION_NOT_FOUND', 'session with id') {}

/** No assignment with that id. */
export class AssignmentNotFoundError extends notFoundError('ASSIGNMENT_NOT_FOUND', 'assignment with id') {}

/** Another mechanic accepted the assignment first, or it left the queue. */
export class AssignmentUnavailableError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'ASSIGNMENT_UNAVAILABLE';
  constructor(
    readonly assignmentId: string,
    /** The assignment's status now: `accepted` when another mechanic was first. */
    readonly status: string,
  ) {
    super(
      status === 'accepted'
        ? `Assignment ${assignmentId} was already accepted by another mechanic`
        : `Assignment ${assignmentId} is no longer in the queue (${status})`,
    );
  }
}

/** The mechanic already takes part in a session that is not over. */
export class MechanicBusyError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'MECHANIC_BUSY';
  constructor(
    readonly mechanicUserId: string,
    readonly activeSessionId: string | undefined,
  ) {
    super(
      `Mechanic ${mechanicUserId} already has an active session${activeSessionId ? ` (${activeSessionId})` : ''}`,
    );
  }
}

/** The session's status does not allow that move. */
export class IllegalTransitionError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'ILLEGAL_TRANSITION';
  constructor(
    readonly sessionId: string,
    readonly from: SessionStatus,
    readonly to: SessionStatus,
  ) {
    super(`Session ${sessionId} cannot go from ${from} to ${to}`);
  }
}

/** The acting user does not take part in the session. */
export class NotAParticipantError extends SessionCoreError {
  readonly kind = 'forbidden';
  readonly code = 'NOT_A_PARTICIPANT';
  constructor(
    readonly sessionId: string,
    readonly userId: string,
  ) {
    super(`User ${userId} does not take part in session ${sessionId}`);
  }
}

/** The customer's one free session is used up (one cancelled or expired before any mechanic accepted it does not count). */
export class FreeSessionUsedError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'FREE_SESSION_USED';
  constructor(readonly customerUserId: string) {
    super('The free session is used up: start a credit or paid session instead');
  }
}

/** No credit purchase with that checkout for this customer. */
export class CreditPurchaseNotFoundError extends notFoundError(
  'CREDIT_PURCHASE_NOT_FOUND',
  'credit purchase with checkout',
) {}

/** No paid-session checkout of this customer's with that id. */
export class CheckoutNotFoundError extends notFoundError('CHECKOUT_NOT_FOUND', 'checkout') {}

/** The session's room takes no more messages: it is not accepted yet, or it is over (read-only). */
export class RoomClosedError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'ROOM_CLOSED';
  constructor(
    readonly sessionId: string,
    readonly status: SessionStatus,
  ) {
    super(
      status === 'pending' || status === 'scheduled'
        ? 'The conversation opens when a mechanic accepts the session'
        : 'This session is over: its conversation is read-only',
    );
  }
}

/** A photo named in a message is not the sender's, not in this session's room, or already sent. */
export class PhotoNotAvailableError extends SessionCoreError {
  readonly kind = 'invalid';
  readonly code = 'PHOTO_NOT_AVAILABLE';
  constructor(readonly photoIds: string[]) {
    super('A photo of this message is no longer available: upload it again');
  }
}

/** A client message id already names another message of this sender. */
export class MessageIdTakenError extends SessionCoreError {
  readonly kind = 'invalid';
  readonly code = 'MESSAGE_ID_TAKEN';
  constructor(readonly clientMessageId: string) {
    super('This message id is already used by another message');
  }
}

/** No such quote version for this caller: unknown, somebody else's, or a draft asked for by the customer. */
export class QuoteNotFoundError extends notFoundError('QUOTE_NOT_FOUND', 'quote') {}

/** The mechanic may not quote this session: not one they took, not live, or ended over 14 days ago. */
export class SessionNotQuotableError extends SessionCoreError {
  readonly kind = 'forbidden';
  readonly code = 'SESSION_NOT_QUOTABLE';
  constructor(readonly sessionId: string) {
    super('You can quote a session you took while it is live or for 14 days after it ended');
  }
}

/** Only a draft can be changed, sent or deleted: a sent version is revised instead. */
export class QuoteNotADraftError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'QUOTE_NOT_A_DRAFT';
  constructor(readonly quoteId: string) {
    super('This quote was sent and cannot change: revise it to send a new version');
  }
}

/** The quote version is no longer open: decided, withdrawn, or superseded by a revision. */
export class QuoteClosedError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'QUOTE_CLOSED';
  constructor(
    readonly quoteId: string,
    readonly status: string,
  ) {
    super(
      status === 'superseded'
        ? 'This version of the quote was replaced by a newer one'
        : `This quote is ${status} and can no longer be decided`,
    );
  }
}

/** The quote's valid-until has passed: nothing can be approved any more. */
export class QuoteExpiredError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'QUOTE_EXPIRED';
  constructor(readonly quoteId: string) {
    super('This quote has expired: ask the mechanic for a new version');
  }
}

/** A decision must name every line of the version exactly once, and no other line. */
export class QuoteLinesMismatchError extends SessionCoreError {
  readonly kind = 'invalid';
  readonly code = 'QUOTE_LINES_MISMATCH';
  constructor(readonly quoteId: string) {
    super('Decide every line of this quote once, approved or declined, and no other line');
  }
}

/** Only an ended session with a mechanic, taken part in by this customer, can be rated. */
export class RatingNotAllowedError extends SessionCoreError {
  readonly kind = 'forbidden';
  readonly code = 'RATING_NOT_ALLOWED';
  constructor(readonly sessionId: string) {
    super('Only a session of yours that ended with a mechanic can be rated');
  }
}

/** The rating was given over 7 days ago: it can no longer change. */
export class RatingLockedError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'RATING_LOCKED';
  constructor(readonly sessionId: string) {
    super('A rating can be changed for 7 days after it was given');
  }
}

/** Security email (verification, password reset, invitation) cannot be turned off. */
export class NotificationRequiredError extends SessionCoreError {
  readonly kind = 'invalid';
  readonly code = 'NOTIFICATION_REQUIRED';
  constructor(readonly notificationKind: string) {
    super(`${notificationKind} messages keep your account safe and cannot be turned off`);
  }
}

/** No card payment or credit purchase of this customer with that id. */
export class ReceiptNotFoundError extends notFoundError('RECEIPT_NOT_FOUND', 'receipt') {}

/** The password given to confirm an account change is not the account's password. */
export class InvalidPasswordError extends SessionCoreError {
  readonly kind = 'forbidden';
  readonly code = 'INVALID_PASSWORD';
  constructor() {
    super('That is not your password');
  }
}

/**
 * The address belongs to an account that is not a customer's (a mechanic's): another service
 * cannot make that person a customer, and nothing was written.
 */
export class EmailNotACustomerError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'EMAIL_NOT_A_CUSTOMER';
  constructor(readonly email: string) {
    super('This email address belongs to an AutoDoctor account that is not a customer’s: use another one');
  }
}

/** An operator disabled the mechanic's account: they cannot accept (nor sign in) until re-enabled. */
export class MechanicDisabledError extends SessionCoreError {
  readonly kind = 'forbidden';
  readonly code = 'MECHANIC_DISABLED';
  constructor(readonly mechanicUserId: string) {
    super('Your mechanic account has been disabled by AutoDoctor operations');
  }
}

/**
 * An account (customer, mechanic or operator) has this email already: a new account (a mechanic
 * invited, an account made by a CLI) is not made with it, and nothing was written.
 */
export class AccountExistsError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'ACCOUNT_EXISTS';
  constructor(readonly email: string) {
    super(`An account with email ${email} exists already`);
  }
}

/** What is wrong with a webhook endpoint's URL (`WebhookUrlRefusedError.problem`). */
export type WebhookUrlProblem = 'invalid' | 'scheme' | 'credentials' | 'unresolvable' | 'not_public';

/**
 * A webhook endpoint URL that cannot be registered, or delivered to any more: not https, with
 * credentials, not resolvable, or reaching a loopback, private, link-local or metadata address
 * (the API's webhook registration and delivery check it).
 */
export class WebhookUrlRefusedError extends SessionCoreError {
  readonly kind = 'invalid';
  readonly code = 'WEBHOOK_URL_REFUSED';
  constructor(
    readonly problem: WebhookUrlProblem,
    message: string,
  ) {
    super(message);
  }
}

/** No webhook endpoint with that id. */
export class WebhookEndpointNotFoundError extends notFoundError(
  'WEBHOOK_ENDPOINT_NOT_FOUND',
  'webhook endpoint',
) {}

/** Registering one more webhook endpoint than allowed: one must be removed first. */
export class WebhookEndpointLimitError extends SessionCoreError {
  readonly kind = 'conflict';
  readonly code = 'WEBHOOK_ENDPOINT_LIMIT';
  constructor(readonly max: number) {
    super(`At most ${max} webhook endpoints: remove one first`);
  }
}
