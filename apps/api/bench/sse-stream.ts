// A lightweight reader of one tRPC subscription: a plain HTTP/1.1 GET read as `text/event-stream`
// (what tRPC's httpSubscriptionLink receives through EventSource), without a tRPC client or an
// EventSource each — 1,000 of those would cost the bench more CPU than the API it measures.
// The wire format is tRPC v11's: an `event: connected` first, `event: ping` every 2 s, and data
// events `data: {"json": <value>, "meta": …}` (superjson) with `id: <tracked id>` when tracked.
import http from 'node:http';

/** Milliseconds on a clock every process of the machine shares (fractional). */
export const now = () => performance.timeOrigin + performance.now();

export class SseStream {
  /** Why the stream ended before `close()`, if it did. */
  endedBecause: string | undefined;
  #request: http.ClientRequest | undefined;
  #closed = false;

  constructor(
    /** The whole URL: `{api}/trpc/{path}`, with `?input=` when the procedure takes one. */
    readonly url: string,
    private readonly cookie: string,
    private readonly agent: http.Agent,
    /** Each data event: its `json` part, its tracked id ('' when untracked), when its last chunk was read. */
    private readonly onData: (json: unknown, id: string, at: number) => void,
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
        fail(new Error(`${this.url}: no 'connected' event within ${timeoutMs} ms`));
        request.destroy();
      }, timeoutMs);
      const request = http.get(
        this.url,
        { agent: this.agent, headers: { cookie: this.cookie, accept: 'text/event-stream' } },
        (response) => {
          response.setEncoding('utf8');
          if (
            response.statusCode !== 200 ||
            !response.headers['content-type']?.startsWith('text/event-stream')
          ) {
            let body = '';
            response.on('data', (chunk: string) => (body += chunk));
            response.on('end', () => fail(new Error(`HTTP ${response.statusCode} ${body.slice(0, 300)}`)));
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
              fail(new Error(`subscription error: ${data}`));
            } else if (event === 'return') {
              fail(new Error('the server ended the subscription'));
            } else if (event === '' && data !== '') {
              this.onData((JSON.parse(data) as { json: unknown }).json, id, at);
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
          response.on('end', () => fail(new Error('the stream ended')));
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
