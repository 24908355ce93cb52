// The value lists of every enumerated column, as plain constants: the browser
// apps read them (through session-core's rules) without loading Drizzle.
// `enums.ts` turns them into the Postgres types, so the database itself
// rejects an unknown value.

/** Who a user is. better-auth stores it as an extra field of its user. */
/** Who a user is: customers sign up; mechanics and operators (the operations console) are made by a CLI. */
export const USER_ROLE_VALUES = ['customer', 'mechanic', 'operator'] as const;

/** How a session is paid for. */
export const SESSION_TYPE_VALUES = ['free', 'credit', 'paid'] as const;

/** The lifecycle of a session; the allowed moves live in session-core. */
export const SESSION_STATUS_VALUES = [
  'pending',
  'waiting',
  'live',
  'ended',
  'scheduled',
  'cancelled',
  'expired',
] as const;

/**
 * The statuses in which a session still occupies its customer: the predicate of
 * the partial unique index `uq_active_session_per_customer` is built from it.
 */
export const ACTIVE_SESSION_STATUSES = ['pending', 'waiting', 'live', 'scheduled'] as const;

/** The lifecycle of the queue entry that offers a session to mechanics. */
export const ASSIGNMENT_STATUS_VALUES = ['queued', 'accepted', 'cancelled', 'expired'] as const;

/** The audit trail of a session (`session_events.type`). */
export const SESSION_EVENT_TYPE_VALUES = [
  'created',
  /** A scheduled session came due and entered the queue. */
  'entered_queue',
  'assignment_accepted',
  'started',
  'ended',
  'cancelled',
  'expired',
  /** A repair quote (a version of it) was sent to the customer: the session's status is unchanged. */
  'quote_sent',
  /** The customer approved some or all lines of a quote version. */
  'quote_approved',
  /** The customer declined every line of a quote version. */
  'quote_declined',
  /** The mechanic withdrew a sent quote version. */
  'quote_withdrawn',
] as const;

/**
 * The session events that leave the session's status as it was (payload `status`
 * says which): a quote's moves, which happen during or after the consultation.
 */
export const STATUS_KEEPING_EVENT_TYPES = [
  'quote_sent',
  'quote_approved',
  'quote_declined',
  'quote_withdrawn',
] as const;

/**
 * A repair quote version's lifecycle: draft → sent → approved | declined | withdrawn |
 * superseded (a revision was sent). `expired` is a sent version past its valid-until, written
 * by the hourly job; until it runs, readers treat such a version as expired already.
 */
export const QUOTE_STATUS_VALUES = [
  'draft',
  'sent',
  'approved',
  'declined',
  'expired',
  'withdrawn',
  'superseded',
] as const;

/** What a quote line charges for. A discount's amount is subtracted. */
export const QUOTE_LINE_KIND_VALUES = ['part', 'labour', 'fee', 'discount'] as const;

/** Why a mechanic's earnings changed (`mechanic_earnings.kind`). */
export const EARNING_KIND_VALUES = [
  /** 2 % of what the customer paid for a session, on live → ended. */
  'referral_fee',
  /** 5 % of a quote's approved total, on approval. */
  'quote_bonus',
  /** Money paid out to the mechanic: a negative line. */
  'payout',
] as const;

/** Why a customer's credit balance changed (`credit_ledger.reason`). */
export const CREDIT_LEDGER_REASON_VALUES = [
  'grant',
  /** Credits bought with a credit pack (see `credit_purchases`). */
  'purchase',
  'session_debit',
  'session_refund',
] as const;

/** What an entry of a session room is (`room_entries.kind`). */
export const ROOM_ENTRY_KIND_VALUES = [
  'message',
  /** A line for one of the session's moves (accepted, live, ended). */
  'system',
  /** A participant has seen the room up to an entry. */
  'read',
] as const;

/**
 * Every email the product sends (`mail_outbox.kind`). session-core's `MAIL_KINDS` says which
 * are security messages (always sent), receipts (verified addresses only) or optional (verified
 * only, and the recipient may turn each off).
 */
export const MAIL_KIND_VALUES = [
  'verify_email',
  'reset_password',
  'change_email',
  'mechanic_invitation',
  'session_accepted',
  'session_live',
  'session_ended',
  'session_refund',
  'session_payment_receipt',
  'credit_purchase_receipt',
  'quote_sent',
  'quote_approved',
] as const;

/** An outbox message's delivery: `dead` gave up after the last retry (kept for the metrics). */
export const MAIL_STATUS_VALUES = ['pending', 'sent', 'dead'] as const;

/**
 * A webhook delivery (`webhook_deliveries.status`): `pending` until the endpoint answers 2xx
 * (`delivered`), or until it has been retried for a day (`failed`).
 */
export const WEBHOOK_DELIVERY_STATUS_VALUES = ['pending', 'delivered', 'failed'] as const;

/**
 * What an operator did, as the audit of operators' actions (`operator_actions`) records it: every
 * action of the console that changes an account or a session.
 */
export const OPERATOR_ACTION_VALUES = [
  'mechanic_disabled',
  'mechanic_enabled',
  'mechanic_invited',
  'session_requeued',
  'session_cancelled',
] as const;
