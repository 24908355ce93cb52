/** A request body over its cap: refused as soon as that is known, nothing more of it kept. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`Body over ${maxBytes} bytes`);
  }
}

/**
 * The request body, at most `maxBytes`: a declared Content-Length above it is
 * refused before reading anything, and a body without one (chunked) is read
 * only until it passes the cap. Memory is bounded by the cap either way. The
 * rest is left unread (see `discardBody`).
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
      reader.releaseLock();
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads and drops what is left of a body not wanted (an upload refused before or while reading
 * it), at most `allowanceBytes` more, keeping nothing. Answering while the client is still sending
 * and then closing would reset the connection under the answer (a proxy in front reports 502, a
 * browser a network error); read to the end, the connection stays usable. False when the body is
 * (or declares itself) longer than the allowance: then answer at once and close the connection.
 */
export async function discardBody(request: Request, allowanceBytes: number): Promise<boolean> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > allowanceBytes) return false;
  if (!request.body || request.body.locked) return !request.body;
  const reader: ReadableStreamDefaultReader<Uint8Array> = request.body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    total += value.byteLength;
    if (total > allowanceBytes) {
      await reader.cancel().catch(() => undefined);
      return false;
    }
  }
}
