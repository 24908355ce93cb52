import type { SessionStatus } from './statuses.ts';

/**
 * Why an operator acts (opens a transcript, disables a mechanic, cancels or requeues a session):
 * required, kept in the audit with the action.
 */
export const OPERATOR_REASON = { min: 3, max: 500 } as const;

/** Why an operator opens a session's transcript: the operators' one reason rule. */
export const TRANSCRIPT_REASON = OPERATOR_REASON;

/**
 * The statuses from which an operator may put a session back in the queue: accepted (`waiting`) or
 * `live`. The mechanic is released and the session is offered to every mechanic again.
 */
export const REQUEUE_STATUSES = ['waiting', 'live'] as const satisfies readonly SessionStatus[];

/** True when an operator can put the session back in the queue now. */
export function canRequeue(status: SessionStatus): boolean {
  return (REQUEUE_STATUSES as readonly SessionStatus[]).includes(status);
}
