import { getSessionTimeline, type TimelineEvent } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { timelineInput } from './timeline.schema.ts';

/** The session's events, oldest first, for its customer or the mechanic who accepted it. */
export async function timelineHandler(options: {
  ctx: AuthedContext<'customer' | 'mechanic'>;
  input: z.output<typeof timelineInput>;
}): Promise<{ events: TimelineEvent[] }> {
  const { ctx, input } = options;
  return getSessionTimeline(ctx.db, input.sessionId, { userId: ctx.user.id, role: ctx.user.role });
}
