import type { Database } from '@autodoctor/db';
import {
  isTerminalStatus,
  readSessionEvents,
  type FeedEvent,
  type FeedPosition,
} from '@autodoctor/session-core';
import type { ServerResponse } from 'node:http';
import postgres from 'postgres';
import { FEED_KEEPALIVE_MS, FEED_POLL_MS } from './config.ts';

/**
 * One LISTEN connection for the whole service: `session_events` is NOTIFYed on every event, and
 * each open feed is woken to read what it has not sent yet. Also wakes everyone when the
 * connection comes back (events may have been missed meanwhile).
 */
export class EventWaker {
  readonly #subscribers = new Set<() => void>();
  readonly #connection: postgres.Sql;

  private constructor(connection: postgres.Sql) {
    this.#connection = connection;
  }

  static async start(databaseUrl: string): Promise<EventWaker> {
    const waker = new EventWaker(postgres(databaseUrl, { max: 1, onnotice: () => {} }));
    const wakeAll = () => {
      for (const wake of waker.#subscribers) wake();
    };
    await waker.#connection.listen('session_events', wakeAll, wakeAll);
    return waker;
  }

  subscribe(wake: () => void): () => void {
    this.#subscribers.add(wake);
    return () => this.#subscribers.delete(wake);
  }

  async close(): Promise<void> {
    await this.#connection.end({ timeout: 5 });
  }
}

/** What a partner sees of an event: no customer data beyond what it sent, no internal ids. */
export function partnerEventOf(event: FeedEvent) {
  return {
    id: event.id,
    type: event.type,
    sessionId: event.sessionId,
    status: event.to,
    previousStatus: event.from ?? null,
    at: event.createdAt.toISOString(),
    mechanicName: event.mechanicName,
  };
}

/**
 * Streams the session's events as Server-Sent Events (`id:` = the event's id, `event:` its type,
 * `data:` JSON) from `after`, in feed order, and ends after the event that closes the session.
 * Reads on every NOTIFY, and every FEED_POLL_MS besides: `readSessionEvents` returns an event only
 * once every older transaction has finished, which may be after its own NOTIFY.
 */
export function streamSessionEvents(options: {
  db: Database;
  waker: EventWaker;
  sessionId: string;
  after: FeedPosition;
  response: ServerResponse;
  onClose: () => void;
}): { end: () => void } {
  const { db, waker, sessionId, response } = options;
  let position = options.after;
  let open = true;
  let reading = Promise.resolve();

  const end = () => {
    if (!open) return;
    open = false;
    unsubscribe();
    clearInterval(poll);
    clearInterval(keepalive);
    response.end();
    options.onClose();
  };
  const read = async () => {
    while (open) {
      const events = await readSessionEvents(db, { after: position, sessionId });
      for (const event of events) {
        position = event.position;
        response.write(
          `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(partnerEventOf(event))}\n\n`,
        );
        if (isTerminalStatus(event.to)) return end();
      }
      if (events.length < 500) return;
    }
  };
  const wake = () => {
    reading = reading.then(read).catch((error: unknown) => {
      console.error(`feed of session ${sessionId} failed:`, error);
      end();
    });
  };

  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // nginx and similar proxies: pass events on as they come.
    'x-accel-buffering': 'no',
  });
  // A first line at once: the partner knows the feed is open before any event.
  response.write(': following\n\n');
  const unsubscribe = waker.subscribe(wake);
  const poll = setInterval(wake, FEED_POLL_MS);
  const keepalive = setInterval(() => response.write(': keepalive\n\n'), FEED_KEEPALIVE_MS);
  response.on('close', end);
  wake();
  return { end };
}
