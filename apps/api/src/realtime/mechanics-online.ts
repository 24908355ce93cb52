import type { Database } from '@autodoctor/db';
import { countOnlineMechanics } from '@autodoctor/session-core';
import type postgres from 'postgres';
import type { Logger } from '../logger.ts';
import { EventChannel } from './event-channel.ts';

/** NOTIFYed by a trigger on `mechanic_presence` when a mechanic switches on or off (migration 0010). */
export const MECHANIC_PRESENCE_CHANNEL = 'mechanic_presence';

/** What customers are shown: how many mechanics are online now. */
export interface MechanicsOnlineCount {
  mechanicsOnline: number;
}

/** Switches made together (a burst) are counted once: one query per instance, not per follower. */
const BURST_MS = 50;

/**
 * The number of mechanics online, pushed to this instance's followers (customers).
 * A switch on or off anywhere is NOTIFYed at its commit; this instance then counts
 * once and hands the count to every follower whose last one differs. A heartbeat
 * going stale announces nothing, so while anyone follows the count is also re-read
 * every `recheckMs`. Nobody following: no counting at all.
 */
export class MechanicsOnline {
  /** Each follower and the last count it was handed. */
  readonly #followers = new Map<EventChannel<MechanicsOnlineCount>, number | undefined>();
  /** The last count read; known only while someone follows (notifications are ignored meanwhile). */
  #count: MechanicsOnlineCount | undefined;
  #burst: NodeJS.Timeout | undefined;
  #recheck: NodeJS.Timeout | undefined;
  #counting = false;
  #countAgain = false;
  #unlisten: (() => Promise<void>) | undefined;
  #closed = false;

  constructor(
    private readonly db: Database,
    private readonly sql: postgres.Sql,
    private readonly log: Logger,
    private readonly recheckMs: number,
  ) {}

  async start(): Promise<void> {
    const listening = await this.sql.listen(
      MECHANIC_PRESENCE_CHANNEL,
      () => this.#countSoon(),
      // Also after a reconnect of the LISTEN connection: a switch made meanwhile was not heard.
      () => this.#countSoon(),
    );
    this.#unlisten = () => listening.unlisten();
  }

  /** The count now (as soon as it is known), then each change, until `signal` aborts or this closes. */
  stream(signal?: AbortSignal): EventChannel<MechanicsOnlineCount> {
    const channel: EventChannel<MechanicsOnlineCount> = new EventChannel({
      signal,
      // Only the latest count matters: a follower this far behind is cut off and reconnects.
      limit: 100,
      onDone: () => {
        this.#followers.delete(channel);
        if (this.#followers.size === 0) this.#idle();
      },
    });
    if (this.#closed) {
      // Stopping: a feed opened now ends at once (its client reconnects to another instance).
      channel.close();
      return channel;
    }
    this.#followers.set(channel, undefined);
    if (!this.#recheck) {
      this.#recheck = setInterval(() => this.#countSoon(), this.recheckMs);
      this.#recheck.unref();
    }
    const known = this.#count;
    if (known && !this.#counting && !this.#burst) {
      this.#followers.set(channel, known.mechanicsOnline);
      channel.push(known);
    } else {
      // Whatever count comes next is handed to this follower too (it has none yet).
      this.#countSoon();
    }
    return channel;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#unlisten?.().catch(() => {});
    for (const channel of [...this.#followers.keys()]) channel.close();
    this.#idle();
  }

  #countSoon(): void {
    if (this.#followers.size === 0 || this.#closed) return;
    if (this.#counting) {
      // It may have read before this change committed: count once more when it is done.
      this.#countAgain = true;
      return;
    }
    this.#burst ??= setTimeout(() => {
      this.#burst = undefined;
      void this.#countNow();
    }, BURST_MS);
  }

  async #countNow(): Promise<void> {
    this.#counting = true;
    try {
      const count: MechanicsOnlineCount = { mechanicsOnline: await countOnlineMechanics(this.db) };
      if (this.#followers.size === 0) return;
      this.#count = count;
      for (const [channel, sent] of this.#followers) {
        if (sent === count.mechanicsOnline) continue;
        this.#followers.set(channel, count.mechanicsOnline);
        // One object for every follower: the feed serializes it once (http/feed-streams.ts).
        channel.push(count);
      }
    } catch (error) {
      // The database is out of reach: followers keep their last count; the recheck tries again.
      this.#count = undefined;
      this.log.warn({ err: error }, 'mechanics online: counting failed');
    } finally {
      this.#counting = false;
      if (this.#countAgain) {
        this.#countAgain = false;
        this.#countSoon();
      }
    }
  }

  /** Nobody follows: stop counting and forget the count (nothing keeps it current now). */
  #idle(): void {
    clearInterval(this.#recheck);
    clearTimeout(this.#burst);
    this.#recheck = undefined;
    this.#burst = undefined;
    this.#count = undefined;
    this.#countAgain = false;
  }
}
