// A mechanic's `mechanic.queueFeed`, read as a plain SSE stream (see sse-stream.ts).
import type http from 'node:http';
import { SseStream } from './sse-stream.ts';

export { now } from './sse-stream.ts';

/** One queue event as a mechanic received it. */
export interface QueueFeedMessage {
  /** When the chunk that completed the event was read. */
  at: number;
  /** The tracked id: the session_events id. */
  eventId: string;
  type: string;
  sessionId: string;
  assignmentId: string;
}

interface QueueFeedEventJson {
  type: string;
  entry?: { assignmentId: string; sessionId: string };
  assignmentId?: string;
  sessionId?: string;
}

export class QueueFeedSubscriber {
  readonly #stream: SseStream;

  constructor(
    readonly index: number,
    readonly apiUrl: string,
    cookie: string,
    agent: http.Agent,
    onMessage: (subscriber: QueueFeedSubscriber, message: QueueFeedMessage) => void,
  ) {
    this.#stream = new SseStream(`${apiUrl}/trpc/mechanic.queueFeed`, cookie, agent, (value, id, at) => {
      const json = value as QueueFeedEventJson;
      onMessage(this, {
        at,
        eventId: id,
        type: json.type,
        sessionId: json.entry?.sessionId ?? json.sessionId ?? '',
        assignmentId: json.entry?.assignmentId ?? json.assignmentId ?? '',
      });
    });
  }

  /** Why the stream ended before `close()`, if it did. */
  get endedBecause(): string | undefined {
    return this.#stream.endedBecause;
  }

  /** Opens the stream; resolves once the server has sent `connected`. */
  open(timeoutMs = 60_000): Promise<void> {
    return this.#stream.open(timeoutMs);
  }

  close(): void {
    this.#stream.close();
  }
}
