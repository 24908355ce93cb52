import type { Database } from '@autodoctor/db';
import { sql as sqlTag } from '@autodoctor/db/orm';
import type postgres from 'postgres';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import { EventChannel } from './event-channel.ts';

/** Channel of the typing signals: a NOTIFY with no table behind it (nothing to replay). */
export const ROOM_TYPING_CHANNEL = 'room_typing';

/** "The other side is typing", for one room; shown until a few seconds of silence. */
export interface TypingSignal {
  kind: 'typing';
  sessionId: string;
  role: 'customer' | 'mechanic';
}

const typingPayload = z.object({ sessionId: z.uuid(), role: z.enum(['customer', 'mechanic']) });

/**
 * Typing indicators across API instances: a participant's instance NOTIFYs,
 * every instance hands the signal to its followers of that room. Ephemeral by
 * design: a signal missed during a reconnect is simply not shown.
 */
export class TypingSignals {
  readonly #rooms = new Map<string, Set<EventChannel<TypingSignal>>>();
  #unlisten: (() => Promise<void>) | undefined;
  #closed = false;

  constructor(
    private readonly db: Database,
    private readonly sql: postgres.Sql,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const listening = await this.sql.listen(ROOM_TYPING_CHANNEL, (payload) => this.#deliver(payload));
    this.#unlisten = () => listening.unlisten();
  }

  /** Says to every instance that `role` is typing in the room of `sessionId` (callers check who may). */
  async announce(sessionId: string, role: TypingSignal['role']): Promise<void> {
    const payload = JSON.stringify({ sessionId, role });
    await this.db.execute(sqlTag`SELECT pg_notify(${ROOM_TYPING_CHANNEL}, ${payload})`);
  }

  /** The room's typing signals from now on, until `signal` aborts or this closes. */
  stream(sessionId: string, signal?: AbortSignal): EventChannel<TypingSignal> {
    if (this.#closed) {
      // Stopping: a feed opened now ends at once (its client reconnects to another instance).
      const ended = new EventChannel<TypingSignal>();
      ended.close();
      return ended;
    }
    const followers = this.#rooms.get(sessionId) ?? new Set();
    this.#rooms.set(sessionId, followers);
    const channel: EventChannel<TypingSignal> = new EventChannel({
      signal,
      // A follower that does not read them needs no backlog of old signals.
      limit: 100,
      onDone: () => {
        followers.delete(channel);
        if (followers.size === 0) this.#rooms.delete(sessionId);
      },
    });
    followers.add(channel);
    return channel;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#unlisten?.().catch(() => {});
    for (const followers of this.#rooms.values()) for (const channel of followers) channel.close();
  }

  #deliver(payload: string): void {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      // not JSON: ignored below like any other unexpected payload
    }
    const parsed = typingPayload.safeParse(json);
    if (!parsed.success) {
      this.log.warn({ payload }, 'typing signals: an unexpected payload was ignored');
      return;
    }
    const signal: TypingSignal = { kind: 'typing', ...parsed.data };
    for (const channel of this.#rooms.get(signal.sessionId) ?? []) channel.push(signal);
  }
}
