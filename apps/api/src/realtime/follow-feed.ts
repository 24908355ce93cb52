import type { Database } from '@autodoctor/db';
import { isAfter, readSessionEvents, type FeedEvent, type FeedPosition } from '@autodoctor/session-core';
import type { EventHub, FeedHub, FeedItem } from './event-hub.ts';

export interface FollowOptions<E extends FeedItem> {
  hub: FeedHub<E>;
  /** Entries after a position (from the start when absent) that this follower may see, in feed order. */
  readBacklog: (after: FeedPosition | undefined, limit: number) => Promise<E[]>;
  /** Only the live entries of this key (the hub's `keyOf`: a session's id); all when absent. */
  key?: string | undefined;
  /** Which live entries are this follower's (the backlog is already filtered). */
  belongs?: ((entry: E) => boolean) | undefined;
  /** Resume after this position (the client's lastEventId); from now on when absent. */
  after?: FeedPosition | undefined;
  /** Without `after`: replay the backlog from the start first. */
  fromStart?: boolean;
  signal?: AbortSignal | undefined;
}

/**
 * Every committed entry after a position, once each and in feed order:
 * subscribes to the hub first (an instance reads entries only while someone is
 * subscribed), then reads the backlog from the database, then goes on with the
 * live entries, skipping what the backlog already gave (the pattern of tRPC's
 * SSE chat example).
 */
export async function* follow<E extends FeedItem>(options: FollowOptions<E>): AsyncGenerator<E> {
  const live = await options.hub.stream(options.signal, options.key);
  try {
    let position = options.after;
    if (position || options.fromStart) {
      for (;;) {
        const backlog = await options.readBacklog(position, 500);
        for (const entry of backlog) {
          position = entry.position;
          yield entry;
        }
        if (backlog.length < 500) break;
      }
    }
    for await (const entry of live) {
      if (options.belongs && !options.belongs(entry)) continue;
      if (position && !isAfter(entry.position, position)) continue;
      position = entry.position;
      yield entry;
    }
  } finally {
    live.close();
  }
}

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

/** The session event feed (all sessions', or one session's), followed as `follow` does. */
export function followFeed(options: FollowFeedOptions): AsyncGenerator<FeedEvent> {
  const { db, sessionId } = options;
  return follow({
    hub: options.hub,
    readBacklog: (after, limit) => readSessionEvents(db, { after, sessionId, limit }),
    key: sessionId,
    belongs: sessionId ? (event) => event.sessionId === sessionId : undefined,
    after: options.after,
    fromStart: options.fromStart,
    signal: options.signal,
  });
}
