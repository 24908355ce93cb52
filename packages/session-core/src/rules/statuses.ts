// No zod, no Drizzle: the apps' pages import this file alone (`@autodoctor/session-core/rules/statuses`).
import {
  ACTIVE_SESSION_STATUSES,
  ASSIGNMENT_STATUS_VALUES,
  SESSION_STATUS_VALUES,
} from '@autodoctor/db/enum-values';

/** Every status a session can be in (the Postgres enum `session_status`). */
export const SESSION_STATUSES = SESSION_STATUS_VALUES;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Every status of a queue entry (the Postgres enum `assignment_status`). */
export const ASSIGNMENT_STATUSES = ASSIGNMENT_STATUS_VALUES;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/**
 * Statuses in which a session occupies its customer: a customer has at most one
 * session in these, enforced by the index `uq_active_session_per_customer`.
 */
export { ACTIVE_SESSION_STATUSES };
export type ActiveSessionStatus = (typeof ACTIVE_SESSION_STATUSES)[number];

/**
 * The status machine: for each status, where it may go next.
 *
 * pending → waiting → live → ended; scheduled → pending;
 * pending | waiting | scheduled → cancelled; pending | waiting → expired;
 * waiting | live → pending: an operator puts it back in the queue (`requeueSession`).
 * Nothing leaves ended, cancelled or expired.
 */
export const SESSION_TRANSITIONS = {
  scheduled: ['pending', 'cancelled'],
  pending: ['waiting', 'cancelled', 'expired'],
  waiting: ['live', 'cancelled', 'expired', 'pending'],
  live: ['ended', 'pending'],
  ended: [],
  cancelled: [],
  expired: [],
} as const satisfies Record<SessionStatus, readonly SessionStatus[]>;

/** Statuses a session never leaves. */
export const TERMINAL_SESSION_STATUSES = SESSION_STATUSES.filter(
  (status) => SESSION_TRANSITIONS[status].length === 0,
);

/** True when a session may move from `from` to `to`. */
export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return (SESSION_TRANSITIONS[from] as readonly SessionStatus[]).includes(to);
}

/** The statuses from which a session may move to `to`. */
export function sourcesOf(to: SessionStatus): SessionStatus[] {
  return SESSION_STATUSES.filter((from) => canTransition(from, to));
}

/** True while a session still occupies its customer (see ACTIVE_SESSION_STATUSES). */
export function isActiveStatus(status: SessionStatus): status is ActiveSessionStatus {
  return (ACTIVE_SESSION_STATUSES as readonly SessionStatus[]).includes(status);
}

/** True for ended, cancelled and expired. */
export function isTerminalStatus(status: SessionStatus): boolean {
  return SESSION_TRANSITIONS[status].length === 0;
}

/** The statuses in which the room takes messages: accepted (waiting) and live. */
export const ROOM_OPEN_STATUSES = ['waiting', 'live'] as const satisfies readonly SessionStatus[];

/** True while the room takes messages. */
export function isRoomOpen(status: SessionStatus): boolean {
  return (ROOM_OPEN_STATUSES as readonly SessionStatus[]).includes(status);
}

/** True when the session can be started now (accepted, not yet live). */
export function canStart(status: SessionStatus): boolean {
  return canTransition(status, 'live');
}

/** True when the session can be ended now (live). */
export function canEnd(status: SessionStatus): boolean {
  return canTransition(status, 'ended');
}

/** True when the customer can still cancel the session (it has not gone live). */
export function canCancel(status: SessionStatus): boolean {
  return canTransition(status, 'cancelled');
}
