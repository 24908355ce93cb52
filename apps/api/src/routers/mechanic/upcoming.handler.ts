import { listUpcomingSessions, type UpcomingEntry } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** Scheduled sessions not yet due, soonest first (at most 100), without who booked them. */
export async function upcomingHandler(options: {
  ctx: AuthedContext<'mechanic'>;
}): Promise<{ entries: UpcomingEntry[] }> {
  return { entries: await listUpcomingSessions(options.ctx.db, { limit: 100 }) };
}
