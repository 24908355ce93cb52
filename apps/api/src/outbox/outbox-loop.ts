import type postgres from 'postgres';
import type { Logger } from '../logger.ts';

/** What an outbox worker supplies: how it takes due rows (with a lease) and delivers one. */
export interface OutboxLoopOptions<TItem> {
  /** For the log: `mail`, `webhooks`. */
  name: string;
  /** postgres.js, for LISTEN. */
  listener: postgres.Sql;
  /** The channel the outbox's trigger NOTIFYs on each insert. */
  channel: string;
  pollMs: number;
  /** How long a claimed row stays this worker's: nothing is delivered once it has lapsed. */
  leaseMs: number;
  log: Logger;
  /** Takes due rows for `leaseMs` (FOR UPDATE SKIP LOCKED: Postgres decides who gets each). */
  claim: () => Promise<TItem[]>;
  /** Delivers one claimed row and records the outcome; true when it was delivered. */
  deliver: (item: TItem) => Promise<boolean>;
}

/**
 * The loop every outbox worker runs on each API instance: woken by the outbox's NOTIFY and by a
 * poll (for retries and missed notifications), one round at a time, claiming and delivering until
 * nothing is due. A row whose lease lapsed mid-round is left to whoever claims it next.
 */
export class OutboxLoop<TItem> {
  readonly #options: OutboxLoopOptions<TItem>;
  #running: Promise<number> | undefined;
  #again = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  #unlisten: (() => Promise<void>) | undefined;

  constructor(options: OutboxLoopOptions<TItem>) {
    this.#options = options;
  }

  async start(): Promise<void> {
    const { listener, channel, pollMs } = this.#options;
    const listening = await listener.listen(
      channel,
      () => this.kick(),
      // After each (re)connect: what was written while this instance could not hear.
      () => this.kick(),
    );
    this.#unlisten = () => listening.unlisten();
    this.#timer = setInterval(() => this.kick(), pollMs);
    this.#timer.unref();
  }

  /** Stops waking up and waits for the round in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#unlisten?.().catch(() => {});
    await this.#running?.catch(() => {});
  }

  /** Runs a round soon; failures are logged and retried at the next poll. */
  kick(): void {
    if (this.#stopped) return;
    void this.run().catch((error: unknown) =>
      this.#options.log.error({ err: error }, `${this.#options.name}: round failed`),
    );
  }

  /** Delivers everything due now; resolves with how many were delivered. One round at a time. */
  async run(): Promise<number> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#deliverAllDue().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
    return this.#running;
  }

  async #deliverAllDue(): Promise<number> {
    const { claim, deliver, leaseMs } = this.#options;
    let delivered = 0;
    while (!this.#stopped) {
      const claimed = await claim();
      if (claimed.length === 0) break;
      const claimedAt = Date.now();
      for (const item of claimed) {
        // A lapsed lease is another worker's to take: delivering now could deliver it twice.
        if (Date.now() - claimedAt >= leaseMs) break;
        if (await deliver(item)) delivered += 1;
      }
    }
    return delivered;
  }
}
