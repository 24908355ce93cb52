import { positionOfEvent } from '@autodoctor/session-core';
import { tracked } from '@trpc/server';
import type { z } from 'zod';
import { followFeed } from '../../realtime/follow-feed.ts';
import { toQueueFeedEvent } from '../../realtime/queue-feed.ts';
import type { AuthedContext } from '../../trpc/context.ts';
import type { queueFeedInput } from './queue-feed.schema.ts';

/**
 * The live queue: new_assignment, assignment_accepted, assignment_cancelled,
 * each `tracked()` by its session_events id. With a lastEventId (a reconnect,
 * or `queue().lastEventId`) it first replays exactly what came after it.
 */
export async function* queueFeedHandler(options: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof queueFeedInput>;
  signal: AbortSignal | undefined;
}) {
  const { ctx, input, signal } = options;
  const lastEventId = input?.lastEventId;
  // An id this database does not know (it was reset) replays nothing: the client reloads the queue.
  const after = lastEventId ? await positionOfEvent(ctx.db, Number(lastEventId)) : undefined;
  for await (const event of followFeed({ db: ctx.db, hub: ctx.hub, after, signal })) {
    const queueEvent = toQueueFeedEvent(event);
    if (queueEvent) yield tracked(String(event.id), queueEvent);
  }
}
