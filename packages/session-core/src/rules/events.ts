import { sessionEventType } from '@autodoctor/db/schema';

/** The audit trail's event types (`session_events.type`), one per transition. */
export const SESSION_EVENT_TYPES = sessionEventType.enumValues;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

/** The names of the events pushed to mechanics watching the queue. */
export const QUEUE_EVENTS = {
  newAssignment: 'new_assignment',
  assignmentAccepted: 'assignment_accepted',
  assignmentCancelled: 'assignment_cancelled',
} as const;
export type QueueEventName = (typeof QUEUE_EVENTS)[keyof typeof QUEUE_EVENTS];

/**
 * What a session event means for the mechanic queue, if anything: a session
 * entering the queue, being taken, or leaving it without being taken.
 *
 * @param type the session event
 * @param status the session's status after the event (a scheduled session is not in the queue yet)
 */
export function queueEventFor(type: SessionEventType, status: string): QueueEventName | undefined {
  switch (type) {
    case 'created':
      return status === 'pending' ? QUEUE_EVENTS.newAssignment : undefined;
    case 'assignment_accepted':
      return QUEUE_EVENTS.assignmentAccepted;
    case 'cancelled':
    case 'expired':
      return QUEUE_EVENTS.assignmentCancelled;
    case 'started':
    case 'ended':
      return undefined;
  }
}
