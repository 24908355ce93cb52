/** A tracked event as a subscriber receives it: `{ id, data }`. */
export interface Tracked<T> {
  id: string;
  data: T;
}

interface Subscribable<T> {
  subscribe: (
    input: never,
    handlers: {
      onStarted?: () => void;
      onData?: (value: T) => void;
      onError?: (error: unknown) => void;
    },
  ) => { unsubscribe: () => void };
}

/**
 * Subscribes and records what arrives, so a test can wait for the stream to
 * open and for the events it expects (never for a fixed time).
 */
export class FeedRecorder<T> {
  readonly received: T[] = [];
  error: unknown;
  readonly #waiters: { check: () => boolean; resolve: () => void; reject: (error: unknown) => void }[] = [];
  readonly #subscription: { unsubscribe: () => void };
  #started = false;

  constructor(procedure: { subscribe: (...args: never[]) => unknown }, input: unknown) {
    this.#subscription = (procedure as unknown as Subscribable<T>).subscribe(input as never, {
      onStarted: () => {
        this.#started = true;
        this.#settle();
      },
      onData: (value) => {
        this.received.push(value);
        this.#settle();
      },
      onError: (error) => {
        this.error = error;
        this.#settle();
      },
    });
  }

  /** Resolves once the server has opened the stream. */
  started(): Promise<void> {
    return this.#until(() => this.#started);
  }

  /** Resolves once `count` events have arrived. */
  count(count: number): Promise<T[]> {
    return this.#until(() => this.received.length >= count).then(() => this.received);
  }

  /** Resolves once an event matching `predicate` has arrived. */
  async find(predicate: (value: T) => boolean): Promise<T> {
    await this.#until(() => this.received.some(predicate));
    return this.received.find(predicate)!;
  }

  /** Resolves with the error the subscription ended with. */
  async failure(): Promise<unknown> {
    await this.#until(() => this.error !== undefined);
    return this.error;
  }

  stop(): void {
    this.#subscription.unsubscribe();
  }

  #until(check: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiters.push({ check, resolve, reject });
      this.#settle();
    });
  }

  #settle(): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.check()) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      } else if (this.error !== undefined) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.reject(this.error);
      }
    }
  }
}
