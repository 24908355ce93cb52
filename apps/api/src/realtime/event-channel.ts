/**
 * A buffered async iterator fed by a push listener: what a subscription reads
 * the hub's events from. It ends when its signal aborts or it is closed; a
 * consumer that falls `limit` events behind is ended too (its client then
 * reconnects with its lastEventId and catches up from the database instead of
 * this process buffering without bound).
 */
export class EventChannel<T> implements AsyncIterableIterator<T> {
  #buffer: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #done = false;
  readonly #onDone: () => void;
  readonly #limit: number;

  constructor(options: { signal?: AbortSignal | undefined; limit?: number; onDone?: () => void } = {}) {
    this.#limit = options.limit ?? 10_000;
    this.#onDone = options.onDone ?? (() => {});
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
    // Not from within the constructor: `onDone` may name the channel being constructed.
    if (options.signal?.aborted) queueMicrotask(() => this.close());
  }

  push(value: T): void {
    if (this.#done) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value, done: false });
    } else if (this.#buffer.length >= this.#limit) {
      this.close();
    } else {
      this.#buffer.push(value);
    }
  }

  close(): void {
    if (this.#done) return;
    this.#done = true;
    this.#onDone();
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.#buffer.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.close();
    this.#buffer = [];
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
