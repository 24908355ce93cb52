import { findActiveSession, toSessionView, type SessionView } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** The session that occupies the customer now (for the banner), or null. */
export async function activeSessionHandler({
  ctx,
}: {
  ctx: AuthedContext<'customer'>;
}): Promise<SessionView | null> {
  const session = await findActiveSession(ctx.db, { userId: ctx.user.id, role: 'customer' });
  return session ? toSessionView(session) : null;
}
