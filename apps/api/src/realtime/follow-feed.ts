import type { Database } from '@autodoctor/db';
import { isAfter, readSessionEvents, type FeedEvent, type FeedPosition } from '@autodoctor/session-core';
import type { EventHub } from './event-hub.ts';

export interface FollowFeedOptions {
  db: Database;
  hub: EventHub;
  /** Resume after this position (the client's lastEventId); from now on when absent. */
  after?: FeedPosition | undefined;
  /** With `fromStart`: replay all of this session's events first. */
  sessionId?: string | undefined;
  fromStart?: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * Every committed session event after a position, once each and in feed
 * order: subscribes to the hub first (this instance reads events only while
 * someone is subscribed), then reads the backlog from the
 * database, then goes on with the live events, skipping what the backlog
 * already gave (the pattern of tRPC's SSE chat example).
 */
export async function* followFeed(options: FollowFeedOptions): AsyncGenerator<FeedEvent> {
  const { db, hub, sessionId } = options;
  const live = await hub.stream(options.signal);
  try {
    let position = options.after;
    if (position || options.fromStart) {
      for (;;) {
        const backlog = await readSessionEvents(db, { after: position, sessionId, limit: 500 });
        for (const event of backlog) {
          position = event.position;
          yield event;
        }
        if (backlog.length < 500) break;
      }
    }
    for await (const event of live) {
      if (sessionId && event.sessionId !== sessionId) continue;
      if (position && !isAfter(event.position, position)) continue;
      position = event.position;
      yield event;
    }
  } finally {
    live.close();
  }
}
