import { queueEventFor, toQueueEntry, type FeedEvent, type QueueEntry } from '@autodoctor/session-core';
import { perEvent } from './per-event.ts';

/** What mechanics watching the queue receive (the names are session-core's QUEUE_EVENTS). */
export type QueueFeedEvent =
  | { type: 'new_assignment'; entry: QueueEntry }
  | { type: 'assignment_accepted'; assignmentId: string; sessionId: string }
  | { type: 'assignment_cancelled'; assignmentId: string; sessionId: string };

/** The queue's view of a session event, or undefined when it means nothing to the queue. */
export const toQueueFeedEvent = perEvent(queueViewOf);

function queueViewOf(event: FeedEvent): QueueFeedEvent | undefined {
  const name = queueEventFor(event);
  if (!name || !event.assignment) return undefined;
  const ids = { assignmentId: event.assignment.id, sessionId: event.sessionId };
  switch (name) {
    case 'new_assignment':
      return {
        type: name,
        entry: toQueueEntry({ assignmentId: event.assignment.id, session: event.session }),
      };
    case 'assignment_accepted':
    case 'assignment_cancelled':
      return { type: name, ...ids };
  }
}
