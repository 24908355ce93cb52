import { lastSettledEventId, listQueue } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** The queue now, oldest first, and the event id to follow `queueFeed` from without a gap. */
export async function queueHandler({ ctx }: { ctx: AuthedContext<'mechanic'> }) {
  // Read the position first: events after it may already show in the list (harmless repeats), none is missed.
  const lastEventId = await lastSettledEventId(ctx.db);
  const entries = await listQueue(ctx.db);
  return { entries, lastEventId: lastEventId === null ? null : String(lastEventId) };
}
