import { SESSION_EVENT_TYPE_VALUES, STATUS_KEEPING_EVENT_TYPES } from '@autodoctor/db/enum-values';
import type { SessionStatus } from './statuses.ts';

/** The audit trail's event types (`session_events.type`), one per transition. */
export const SESSION_EVENT_TYPES = SESSION_EVENT_TYPE_VALUES;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

/** The events that leave their session's status as it was: a repair quote's moves. */
export const QUOTE_EVENT_TYPES = STATUS_KEEPING_EVENT_TYPES;
export type QuoteEventType = (typeof QUOTE_EVENT_TYPES)[number];

/**
 * The status each event leaves its session in; `created` depends on the intake
 * (pending, or scheduled for later) and the quote events leave the status as it
 * was: those read it from the event's payload (`status`).
 */
export const STATUS_AFTER_EVENT = {
  created: undefined,
  entered_queue: 'pending',
  assignment_accepted: 'waiting',
  started: 'live',
  ended: 'ended',
  cancelled: 'cancelled',
  expired: 'expired',
  quote_sent: undefined,
  quote_approved: undefined,
  quote_declined: undefined,
  quote_withdrawn: undefined,
} as const satisfies Record<SessionEventType, SessionStatus | undefined>;

/** The names of the events pushed to mechanics watching the queue. */
export const QUEUE_EVENTS = {
  newAssignment: 'new_assignment',
  assignmentAccepted: 'assignment_accepted',
  assignmentCancelled: 'assignment_cancelled',
} as const;
export type QueueEventName = (typeof QUEUE_EVENTS)[keyof typeof QUEUE_EVENTS];

/** A session event as the queue sees it: its type and the move it made. */
export interface SessionMove {
  type: SessionEventType;
  /** The status before the event (absent for `created`). */
  from?: string | undefined;
  /** The status after the event. */
  to?: string | undefined;
}

/**
 * What a session event means for the mechanic queue, if anything: a session
 * entering the queue (created as pending, or a scheduled one coming due), being
 * taken, or leaving it untaken. Moves of sessions that are not in the queue
 * (scheduled, or already accepted) mean nothing to it.
 */
export function queueEventFor(event: SessionMove): QueueEventName | undefined {
  switch (event.type) {
    case 'created':
      return event.to === 'pending' ? QUEUE_EVENTS.newAssignment : undefined;
    case 'entered_queue':
      return QUEUE_EVENTS.newAssignment;
    case 'assignment_accepted':
      return QUEUE_EVENTS.assignmentAccepted;
    case 'cancelled':
    case 'expired':
      return event.from === 'pending' ? QUEUE_EVENTS.assignmentCancelled : undefined;
    case 'started':
    case 'ended':
    case 'quote_sent':
    case 'quote_approved':
    case 'quote_declined':
    case 'quote_withdrawn':
      return undefined;
  }
}
