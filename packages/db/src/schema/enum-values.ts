// The value lists of every enumerated column, as plain constants: the browser
// apps read them (through session-core's rules) without loading Drizzle.
// `enums.ts` turns them into the Postgres types, so the database itself
// rejects an unknown value.

/** Who a user is. better-auth stores it as an extra field of its user. */
export const USER_ROLE_VALUES = ['customer', 'mechanic'] as const;

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
