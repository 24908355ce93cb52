import type { FeedEvent, SessionEventType, SessionStatus } from '@autodoctor/session-core';

/** What a session's participants receive: each change of its status. */
export interface SessionFeedEvent {
  sessionId: string;
  type: SessionEventType;
  from: SessionStatus | null;
  status: SessionStatus;
  at: Date;
}

// The hub hands the same event object to every stream: map it once for all of them.
const mapped = new WeakMap<FeedEvent, SessionFeedEvent>();

export function toSessionFeedEvent(event: FeedEvent): SessionFeedEvent {
  let view = mapped.get(event);
  if (!view) {
    view = sessionViewOf(event);
    mapped.set(event, view);
  }
  return view;
}

function sessionViewOf(event: FeedEvent): SessionFeedEvent {
  return {
    sessionId: event.sessionId,
    type: event.type,
    from: event.from ?? null,
    status: event.to,
    at: event.createdAt,
  };
}
