import { pgEnum } from 'drizzle-orm/pg-core';

// The value lists of every enumerated column. They are Postgres types, so the
// database itself rejects an unknown value; @autodoctor/session-core re-exports
// them and defines the rules (transitions, prices) over them.

/** Who a user is. better-auth stores it as an extra field of its user. */
export const userRole = pgEnum('user_role', ['customer', 'mechanic']);

/** How a session is paid for. */
export const sessionType = pgEnum('session_type', ['free', 'credit', 'paid']);

/** The lifecycle of a session; the allowed moves live in session-core. */
export const sessionStatus = pgEnum('session_status', [
  'pending',
  'waiting',
  'live',
  'ended',
  'scheduled',
  'cancelled',
  'expired',
]);

/**
 * The statuses in which a session still occupies its customer: the predicate of
 * the partial unique index `uq_active_session_per_customer` is built from it.
 */
export const ACTIVE_SESSION_STATUSES = ['pending', 'waiting', 'live', 'scheduled'] as const;

/** The lifecycle of the queue entry that offers a session to mechanics. */
export const assignmentStatus = pgEnum('assignment_status', ['queued', 'accepted', 'cancelled', 'expired']);

/** The audit trail of a session (`session_events.type`). */
export const sessionEventType = pgEnum('session_event_type', [
  'created',
  /** A scheduled session came due and entered the queue. */
  'entered_queue',
  'assignment_accepted',
  'started',
  'ended',
  'cancelled',
  'expired',
]);

/** Why a customer's credit balance changed (`credit_ledger.reason`). */
export const creditLedgerReason = pgEnum('credit_ledger_reason', [
  'grant',
  /** Credits bought with a credit pack (see `credit_purchases`). */
  'purchase',
  'session_debit',
  'session_refund',
]);
