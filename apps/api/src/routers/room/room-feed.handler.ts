import {
  findRoomParticipant,
  positionOfRoomEntry,
  readRoomEntries,
  type RoomParticipant,
} from '@autodoctor/session-core';
import { tracked, type TrackedEnvelope } from '@trpc/server';
import type { z } from 'zod';
import { follow } from '../../realtime/follow-feed.ts';
import { mergeStreams } from '../../realtime/merge-streams.ts';
import type { TypingSignal } from '../../realtime/typing-signals.ts';
import type { AuthedContext } from '../../trpc/context.ts';
import { toTRPCError } from '../../trpc/errors.ts';
import { toRoomFeedEntry, type RoomFeedEntry } from './room-entry-view.ts';
import type { roomFeedInput } from './room.schema.ts';

/**
 * A session room for its participants: every entry once, in order (the whole
 * room first without a lastEventId, what was missed with one), and the other
 * side's typing signals as they come (not tracked: nothing to resume).
 */
export async function* roomFeedHandler(options: {
  ctx: AuthedContext<'customer' | 'mechanic'>;
  input: z.output<typeof roomFeedInput>;
  signal: AbortSignal | undefined;
}) {
  const { ctx, input } = options;
  // Ends both streams when the subscriber leaves or this generator is returned. Listened to
  // before the first await: a subscriber gone meanwhile would leave both streams open until the
  // instance stops.
  const stop = new AbortController();
  if (options.signal?.aborted) stop.abort();
  else options.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  let participant: RoomParticipant;
  try {
    participant = await findRoomParticipant(ctx.db, input.sessionId, ctx.user.id);
  } catch (error) {
    throw toTRPCError(error); // subscriptions run after the error middleware
  }
  const after = input.lastEventId
    ? await positionOfRoomEntry(ctx.db, input.sessionId, Number(input.lastEventId))
    : undefined;

  async function* entries() {
    const feed = follow({
      hub: ctx.roomHub,
      readBacklog: (position, limit) =>
        readRoomEntries(ctx.db, { after: position, sessionId: input.sessionId, limit }),
      key: input.sessionId,
      belongs: (entry) => entry.sessionId === input.sessionId,
      after,
      fromStart: !after,
      signal: stop.signal,
    });
    for await (const entry of feed) {
      yield tracked(String(entry.id), toRoomFeedEntry(entry));
      // A mechanic an operator released (a requeue) reads the room no further; a reconnect is refused.
      if (
        participant.role === 'mechanic' &&
        entry.kind === 'system' &&
        entry.event === 'entered_queue' &&
        !(await findRoomParticipant(ctx.db, input.sessionId, ctx.user.id).then(
          () => true,
          () => false,
        ))
      ) {
        stop.abort(); // the typing signals end too, and with them the whole feed
        return;
      }
    }
  }
  async function* othersTyping(): AsyncGenerator<TypingSignal> {
    for await (const signal of ctx.typing.stream(input.sessionId, stop.signal)) {
      if (signal.role !== participant.role) yield signal;
    }
  }
  try {
    yield* mergeStreams<TrackedEnvelope<RoomFeedEntry> | TypingSignal>(entries(), othersTyping());
  } finally {
    stop.abort();
  }
}
