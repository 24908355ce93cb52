import type { FeedEvent, SessionEventType, SessionStatus } from '@autodoctor/session-core';
import { perEvent } from './per-event.ts';

/** What a session's participants receive: each change of its status. */
export interface SessionFeedEvent {
  sessionId: string;
  type: SessionEventType;
  from: SessionStatus | null;
  status: SessionStatus;
  at: Date;
  /** The accepting mechanic's name, from the accept on; null before. */
  mechanicName: string | null;
}

export const toSessionFeedEvent = perEvent(sessionViewOf);

function sessionViewOf(event: FeedEvent): SessionFeedEvent {
  return {
    sessionId: event.sessionId,
    type: event.type,
    from: event.from ?? null,
    status: event.to,
    at: event.createdAt,
    mechanicName: event.mechanicName,
  };
}
