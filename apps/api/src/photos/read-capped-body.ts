/** A request body over its cap: refused as soon as that is known, the rest never read. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`Body over ${maxBytes} bytes`);
  }
}

/**
 * The request body, at most `maxBytes`: a declared Content-Length above it is
 * refused before reading anything, and a body without one (chunked) is read
 * only until it passes the cap. Memory is bounded by the cap either way.
 *
 * @throws {BodyTooLargeError}
 */
export async function readCappedBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const reader: ReadableStreamDefaultReader<Uint8Array> = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
