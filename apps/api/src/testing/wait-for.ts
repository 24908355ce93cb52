/**
 * Polls `probe` until it returns something other than undefined/false, for
 * work that happens in the background (webhooks, refunds). The limit only
 * turns a hang into a clear failure; it is generous for slow machines.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  limitMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 200)) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waited ${limitMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
