import { getParticipantSession, positionOfEvent } from '@autodoctor/session-core';
import { tracked } from '@trpc/server';
import type { z } from 'zod';
import { followFeed } from '../../realtime/follow-feed.ts';
import { toSessionFeedEvent } from '../../realtime/session-feed.ts';
import type { AuthedContext } from '../../trpc/context.ts';
import { toTRPCError } from '../../trpc/errors.ts';
import type { sessionFeedInput } from './session.schema.ts';

/**
 * A session's status changes, for its participants only. Without a
 * lastEventId it replays the session's whole history first, so a client
 * never misses a change between loading the session and subscribing.
 */
export async function* sessionFeedHandler(options: {
  ctx: AuthedContext<'customer' | 'mechanic'>;
  input: z.output<typeof sessionFeedInput>;
  signal: AbortSignal | undefined;
}) {
  const { ctx, input, signal } = options;
  try {
    await getParticipantSession(ctx.db, input.sessionId, { userId: ctx.user.id, role: ctx.user.role });
  } catch (error) {
    throw toTRPCError(error); // subscriptions run after the error middleware
  }
  const after = input.lastEventId ? await positionOfEvent(ctx.db, Number(input.lastEventId)) : undefined;
  const feed = followFeed({
    db: ctx.db,
    hub: ctx.hub,
    after,
    sessionId: input.sessionId,
    fromStart: !after,
    signal,
  });
  for await (const event of feed) {
    yield tracked(String(event.id), toSessionFeedEvent(event));
    // A mechanic an operator released (a requeue) follows the session no further; a reconnect is refused.
    if (ctx.user.role === 'mechanic' && event.type === 'entered_queue' && !(await stillIn())) return;
  }

  function stillIn(): Promise<boolean> {
    return getParticipantSession(ctx.db, input.sessionId, { userId: ctx.user.id, role: ctx.user.role }).then(
      () => true,
      () => false,
    );
  }
}
