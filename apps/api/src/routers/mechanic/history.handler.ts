import { listParticipantSessions, toSessionView, type SessionView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { mechanicHistoryInput } from './history.schema.ts';

/** The sessions this mechanic accepted, newest first, a page at a time. */
export async function mechanicHistoryHandler(options: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof mechanicHistoryInput>;
}): Promise<{ items: SessionView[]; nextCursor: string | null }> {
  const { ctx, input } = options;
  const page = await listParticipantSessions(ctx.db, { userId: ctx.user.id, role: 'mechanic' }, input);
  return { items: page.items.map(toSessionView), nextCursor: page.nextCursor };
}
