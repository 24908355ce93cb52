// Plain HTTP/1.1 requests for the bench's busy paths, over a keep-alive `http.Agent`. A tRPC client
// (httpLink over fetch / undici) costs the bench ~2.8 ms of CPU per call on a small machine: CPU
// taken from the API being measured. These requests send what the tRPC client sends, no more.
import http from 'node:http';
import superjson from 'superjson';

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpRequestOptions {
  agent: http.Agent;
  method?: 'GET' | 'POST';
  headers?: http.OutgoingHttpHeaders;
  body?: Buffer;
  /** The whole exchange, from sending to the last byte of the response. */
  timeoutMs?: number;
}

/** One request; resolves with the whole response (any status), rejects on a network error or timeout. */
export function httpRequest(url: string, options: HttpRequestOptions): Promise<HttpReply> {
  const { agent, method = 'GET', body, timeoutMs = 30_000 } = options;
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        agent,
        method,
        headers: body ? { ...options.headers, 'content-length': body.length } : options.headers,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text });
        });
        response.on('error', fail);
      },
    );
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    const timer = setTimeout(
      () => request.destroy(new Error(`no response within ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.on('error', fail);
    request.end(body);
  });
}

/**
 * A tRPC mutation as `httpLink` with the superjson transformer sends it: `POST {apiUrl}/trpc/{path}`,
 * `content-type: application/json`, the body `JSON.stringify(superjson.serialize(input))` — for an
 * input without Dates, Maps, … that is `{"json": <input>}` — and the caller's cookie. The body is
 * serialized once; `call` resolves with the procedure's result (superjson's `json` part), or rejects
 * with a message saying what came back instead.
 */
export function trpcMutation<Input, Output>(path: string, input: Input) {
  const body = Buffer.from(JSON.stringify(superjson.serialize(input)));
  /** Sends the call; resolves with its result or the tRPC error code it was refused with. */
  const attempt = async (
    apiUrl: string,
    cookie: string,
    agent: http.Agent,
  ): Promise<{ ok: true; data: Output } | { ok: false; code: string; reply: HttpReply }> => {
    const reply = await httpRequest(`${apiUrl}/trpc/${path}`, {
      agent,
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body,
    });
    let parsed:
      { result?: { data?: { json?: Output } }; error?: { json?: { data?: { code?: string } } } } | undefined;
    try {
      parsed = JSON.parse(reply.body) as typeof parsed;
    } catch {
      // not JSON: reported by the caller with the body
    }
    const json = parsed?.result?.data?.json;
    if (reply.status === 200 && json !== undefined) return { ok: true, data: json };
    return { ok: false, code: parsed?.error?.json?.data?.code ?? `HTTP ${reply.status}`, reply };
  };
  return {
    body,
    attempt,
    async call(apiUrl: string, cookie: string, agent: http.Agent): Promise<Output> {
      const outcome = await attempt(apiUrl, cookie, agent);
      if (!outcome.ok) {
        throw new Error(`${path}: HTTP ${outcome.reply.status} ${outcome.reply.body.slice(0, 300)}`);
      }
      return outcome.data;
    },
  };
}
