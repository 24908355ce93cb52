/**
 * Requests per partner per fixed one-minute window, counted in this process: with N instances of
 * the service a partner gets up to N times the limit (keep the count in PostgreSQL, as the API
 * does, when that matters).
 */
const MAX_KEYS = 10_000;

export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  readonly limit: number;
  readonly windowMs: number;

  constructor(limit: number, windowMs = 60_000) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Counts a request of `key`: undefined when allowed, else the seconds until the window ends. */
  take(key: string, now = Date.now()): number | undefined {
    // Keys of past windows go once there are many (addresses guessing keys come and go).
    if (this.#windows.size > MAX_KEYS) {
      for (const [old, { start }] of this.#windows)
        if (now - start >= this.windowMs) this.#windows.delete(old);
    }
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit) return undefined;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }
}
