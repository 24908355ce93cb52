/** One Server-Sent Event as the service sends it. */
export interface SseEvent {
  id: string;
  event: string;
  data: unknown;
}

/**
 * Reads an SSE response: `next()` resolves with the next event (comments skipped), or undefined
 * when the stream ended. No EventSource library: the format is a few lines of text.
 */
export function sseReader(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(): Promise<SseEvent | undefined> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          if (!fields.has('data')) continue;
          return {
            id: fields.get('id') ?? '',
            event: fields.get('event') ?? 'message',
            data: JSON.parse(fields.get('data')!),
          };
        }
        const { value, done } = await reader.read();
        if (done) return undefined;
        buffer += value;
      }
    },
    cancel: () => reader.cancel(),
  };
}
