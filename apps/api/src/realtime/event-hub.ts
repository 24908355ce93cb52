import type { Database } from '@autodoctor/db';
import {
  currentFeedPosition,
  readSessionEvents,
  type FeedEvent,
  type FeedPosition,
} from '@autodoctor/session-core';
import { sql as sqlTag } from '@autodoctor/db/orm';
import type postgres from 'postgres';
import type { Logger } from '../logger.ts';
import { EventChannel } from './event-channel.ts';

/** The NOTIFY channel written by the trigger on session_events (migration 0003). */
export const SESSION_EVENTS_CHANNEL = 'session_events';

/** What a hub reads: a table of entries in feed order, announced on a NOTIFY channel. */
export interface FeedSource<E extends FeedItem> {
  /** The channel its insert trigger notifies, with the entry's id as payload. */
  channel: string;
  /** Settled entries after a position (all when absent), in feed order. */
  read: (after: FeedPosition | undefined, limit: number) => Promise<E[]>;
  /**
   * What a stream may follow alone (a session's id): an entry goes to the streams of its key and
   * to the unkeyed ones only, so 500 rooms' followers are not each handed every room's entries.
   */
  keyOf?: (entry: E) => string;
}

/** An entry of a feed: its id (announced) and position (where readers stand). */
export interface FeedItem {
  id: number;
  position: FeedPosition;
}

export interface EventHubOptions<E extends FeedItem = FeedEvent> {
  /** Events read per query (default 500). */
  batchSize?: number;
  /** First wait before looking again for an announced event not yet settled (default 10 ms). */
  retryDelayMs?: number;
  /** Called once per event as it is handed to this instance's subscriptions (metrics). */
  onDeliver?: (event: E) => void;
}

/**
 * One per API instance and feed table: on each NOTIFY it reads the settled entries after its
 * position (one query whatever the number of subscribers) and hands them, in feed order, to this
 * instance's subscriptions, so every instance delivers the same events in the same order.
 */
export class FeedHub<E extends FeedItem> {
  /** Every stream, keyed or not (a stream is counted once). */
  readonly #channels = new Set<EventChannel<E>>();
  readonly #unkeyed = new Set<EventChannel<E>>();
  readonly #byKey = new Map<string, Set<EventChannel<E>>>();
  /** Announced event ids not delivered yet, with when they were announced. */
  readonly #announced = new Map<number, number>();
  /** Ids delivered lately: an event can be read before its own NOTIFY arrives. */
  readonly #recentlyDelivered = new Set<number>();
  #position: FeedPosition | undefined;
  #draining: Promise<void> | undefined;
  #drainAgain = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelayMs: number;
  #unlisten: (() => Promise<void>) | undefined;
  #closed = false;
  /** The last read failed: look again even if nothing is announced. */
  #readFailed = false;
  /** Events were announced while nobody listened here: the position must be taken anew. */
  #stale = false;
  #resyncing: Promise<void> | undefined;
  /**
   * Announcements may have been missed (nobody was subscribed, the LISTEN connection was down, an
   * announced event stayed unsettled too long): events may be committed after the position but
   * not settled yet, and no NOTIFY will come for them. Until the settled horizon passes this
   * transaction id (the snapshot's xmax when the doubt arose), keep looking without one.
   */
  #catchUpTo: bigint | undefined;
  /** Take a new catch-up horizon at the next read. */
  #horizonWanted = false;

  constructor(
    private readonly db: Database,
    private readonly sql: postgres.Sql,
    private readonly log: Logger,
    private readonly source: FeedSource<E>,
    private readonly options: EventHubOptions<E> = {},
  ) {
    this.#retryDelayMs = options.retryDelayMs ?? 10;
  }

  /** Starts listening; events committed from now on are delivered. */
  async start(): Promise<void> {
    this.#position = await currentFeedPosition(this.db);
    const listening = await this.sql.listen(
      this.source.channel,
      (payload) => this.#onAnnounce(payload),
      // Also after a reconnect of the LISTEN connection: catch up on what was missed meanwhile,
      // those committed meanwhile but settled only later included.
      () => {
        this.#horizonWanted = true;
        this.#drain();
      },
    );
    this.#unlisten = () => listening.unlisten();
  }

  /**
   * Events from now on, until `signal` aborts or the hub closes. Subscribe
   * before reading any backlog: once this resolves, every event settled after
   * it is delivered.
   */
  async stream(signal?: AbortSignal, key?: string): Promise<EventChannel<E>> {
    // Only a source that says what an entry's key is can deliver by key.
    const keyed = key !== undefined && this.source.keyOf ? key : undefined;
    const group = keyed === undefined ? this.#unkeyed : (this.#byKey.get(keyed) ?? new Set());
    const channel: EventChannel<E> = new EventChannel({
      signal,
      onDone: () => {
        this.#channels.delete(channel);
        group.delete(channel);
        if (keyed !== undefined && group.size === 0) this.#byKey.delete(keyed);
      },
    });
    if (this.#closed) {
      channel.close();
      return channel;
    }
    this.#channels.add(channel);
    group.add(channel);
    if (keyed !== undefined) this.#byKey.set(keyed, group);
    if (this.#stale) {
      this.#resyncing ??= this.#resync();
      await this.#resyncing;
    }
    return channel;
  }

  /** Takes the current position after an idle spell (nobody was subscribed, so nothing was read). */
  async #resync(): Promise<void> {
    try {
      // From the oldest running transaction on; events of later ones committed already were
      // announced to nobody here, so look for them until they are settled.
      const { xmin, xmax } = await this.#snapshotBounds();
      this.#position = { txId: String(xmin), id: 0 };
      this.#catchUpTo = xmax;
      this.#stale = false;
    } finally {
      this.#resyncing = undefined;
      this.#drainAgain = false;
      this.#drain();
    }
  }

  /** The current snapshot's xmin (oldest running transaction) and xmax (next transaction id). */
  async #snapshotBounds(): Promise<{ xmin: bigint; xmax: bigint }> {
    const [row] = await this.db.execute<{ xmin: string; xmax: string }>(
      sqlTag`SELECT pg_snapshot_xmin(s)::text AS xmin, pg_snapshot_xmax(s)::text AS xmax FROM pg_current_snapshot() AS s`,
    );
    return { xmin: BigInt(row!.xmin), xmax: BigInt(row!.xmax) };
  }

  /** Stops listening and ends every stream (their subscriptions complete). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    await this.#unlisten?.().catch(() => {});
    await this.#draining;
    for (const channel of this.#channels) channel.close();
  }

  #onAnnounce(payload: string): void {
    const id = Number(payload);
    if (Number.isSafeInteger(id) && !this.#recentlyDelivered.has(id)) this.#announced.set(id, Date.now());
    this.#drain();
  }

  #drain(): void {
    if (this.#closed) return;
    if (this.#channels.size === 0 && !this.#resyncing) {
      // Nobody to deliver to: read nothing now, take the position anew when someone subscribes.
      this.#stale = true;
      this.#announced.clear();
      this.#catchUpTo = undefined;
      this.#horizonWanted = false;
      return;
    }
    if (this.#draining || this.#resyncing) {
      this.#drainAgain = true;
      return;
    }
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#draining = this.#deliverSettled()
      .catch((error: unknown) => {
        this.log.error({ err: error, channel: this.source.channel }, 'event hub: reading failed; retrying');
        this.#readFailed = true;
      })
      .finally(() => {
        this.#draining = undefined;
        if (this.#drainAgain) {
          this.#drainAgain = false;
          this.#drain();
        } else {
          this.#scheduleRetry();
        }
      });
  }

  async #deliverSettled(): Promise<void> {
    const limit = this.options.batchSize ?? 500;
    let delivered = 0;
    let caughtUp = false;
    if (this.#horizonWanted || this.#catchUpTo !== undefined) {
      // Taken before the read, whose own horizon is at least this xmin.
      const { xmin, xmax } = await this.#snapshotBounds();
      if (this.#horizonWanted) {
        this.#horizonWanted = false;
        if (this.#catchUpTo === undefined || xmax > this.#catchUpTo) this.#catchUpTo = xmax;
      }
      caughtUp = xmin >= this.#catchUpTo!;
    }
    for (;;) {
      const events = await this.source.read(this.#position, limit);
      for (const event of events) {
        this.#position = event.position;
        this.#announced.delete(event.id);
        this.#remember(event.id);
        this.options.onDeliver?.(event);
        for (const channel of this.#unkeyed) channel.push(event);
        const keyed = this.source.keyOf ? this.#byKey.get(this.source.keyOf(event)) : undefined;
        if (keyed) for (const channel of keyed) channel.push(event);
      }
      delivered += events.length;
      if (events.length < limit) break;
    }
    if (caughtUp) this.#catchUpTo = undefined;
    this.#readFailed = false;
    if (delivered > 0) this.#retryDelayMs = this.options.retryDelayMs ?? 10;
  }

  #remember(id: number): void {
    this.#recentlyDelivered.add(id);
    if (this.#recentlyDelivered.size > 10_000) {
      this.#recentlyDelivered.delete(this.#recentlyDelivered.values().next().value!);
    }
  }

  /**
   * Announced events still unsettled, a failed read, or a catch-up horizon not reached yet: look
   * again, backing off to 1 s.
   */
  #scheduleRetry(): void {
    const pending = () =>
      this.#announced.size > 0 || this.#readFailed || this.#horizonWanted || this.#catchUpTo !== undefined;
    if (this.#closed || !pending()) return;
    const now = Date.now();
    for (const [id, at] of this.#announced) {
      if (now - at > 60_000) {
        // An id the hub will never read (e.g. settled before a resync took the position): stop
        // tracking it, but keep looking until everything committed by now is settled.
        this.log.warn(
          { eventId: id },
          'event hub: an announced event is unsettled after a minute (a long transaction?); reading on until it settles',
        );
        this.#announced.delete(id);
        this.#horizonWanted = true;
      }
    }
    if (!pending()) return;
    this.#retryTimer = setTimeout(() => this.#drain(), this.#retryDelayMs);
    this.#retryDelayMs = Math.min(this.#retryDelayMs * 2, 1_000);
  }
}

/** The hub of the session event feed (queue and session feeds). */
export class EventHub extends FeedHub<FeedEvent> {
  constructor(db: Database, sql: postgres.Sql, log: Logger, options: EventHubOptions = {}) {
    super(
      db,
      sql,
      log,
      {
        channel: SESSION_EVENTS_CHANNEL,
        read: (after, limit) => readSessionEvents(db, { after, limit }),
        keyOf: (event) => event.sessionId,
      },
      options,
    );
  }
}
