// A lightweight subscriber of `mechanic.queueFeed`: one plain HTTP/1.1 GET per mechanic, read as
// `text/event-stream` (what tRPC's httpSubscriptionLink receives through EventSource), without a
// tRPC client or an EventSource each — 1,000 of those would cost the bench more CPU than the API.
// The wire format is tRPC v11's: an `event: connected` first, `event: ping` every 2 s, and data
// events `data: {"json": <event>, "meta": …}` (superjson) with `id: <session_events id>`.
import http from 'node:http';

/** Milliseconds on a clock every process of the machine shares (fractional). */
export const now = () => performance.timeOrigin + performance.now();

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
  /** Why the stream ended before `close()`, if it did. */
  endedBecause: string | undefined;
  #request: http.ClientRequest | undefined;
  #closed = false;

  constructor(
    readonly index: number,
    readonly apiUrl: string,
    private readonly cookie: string,
    private readonly agent: http.Agent,
    private readonly onMessage: (subscriber: QueueFeedSubscriber, message: QueueFeedMessage) => void,
  ) {}

  /** Opens the stream; resolves once the server has sent `connected`. */
  open(timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      let connected = false;
      const fail = (error: Error) => {
        clearTimeout(timer);
        if (!connected) reject(error);
        else if (!this.#closed) this.endedBecause ??= error.message;
      };
      const timer = setTimeout(() => {
        fail(new Error(`queueFeed: no 'connected' event within ${timeoutMs} ms`));
        request.destroy();
      }, timeoutMs);
      const request = http.get(
        `${this.apiUrl}/trpc/mechanic.queueFeed`,
        { agent: this.agent, headers: { cookie: this.cookie, accept: 'text/event-stream' } },
        (response) => {
          response.setEncoding('utf8');
          if (
            response.statusCode !== 200 ||
            !response.headers['content-type']?.startsWith('text/event-stream')
          ) {
            let body = '';
            response.on('data', (chunk: string) => (body += chunk));
            response.on('end', () =>
              fail(new Error(`queueFeed: HTTP ${response.statusCode} ${body.slice(0, 300)}`)),
            );
            return;
          }
          let buffer = '';
          let event = '';
          let data = '';
          let id = '';
          const dispatch = (at: number) => {
            if (event === 'connected') {
              connected = true;
              clearTimeout(timer);
              resolve();
            } else if (event === 'serialized-error') {
              fail(new Error(`queueFeed error: ${data}`));
            } else if (event === 'return') {
              fail(new Error('queueFeed: the server ended the subscription'));
            } else if (event === '' && data !== '') {
              const json = (JSON.parse(data) as { json: QueueFeedEventJson }).json;
              this.onMessage(this, {
                at,
                eventId: id,
                type: json.type,
                sessionId: json.entry?.sessionId ?? json.sessionId ?? '',
                assignmentId: json.entry?.assignmentId ?? json.assignmentId ?? '',
              });
            }
            event = data = id = '';
          };
          response.on('data', (chunk: string) => {
            const at = now();
            buffer += chunk;
            for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
              const line = buffer.slice(0, newline);
              buffer = buffer.slice(newline + 1);
              if (line === '') {
                dispatch(at);
                continue;
              }
              if (line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              let value = colon < 0 ? '' : line.slice(colon + 1);
              if (value.startsWith(' ')) value = value.slice(1);
              if (field === 'event') event = value;
              else if (field === 'data') data = data === '' ? value : `${data}\n${value}`;
              else if (field === 'id') id = value;
            }
          });
          response.on('end', () => fail(new Error('queueFeed: the stream ended')));
          response.on('error', fail);
        },
      );
      request.on('error', fail);
      this.#request = request;
    });
  }

  close(): void {
    this.#closed = true;
    this.#request?.destroy();
  }
}
