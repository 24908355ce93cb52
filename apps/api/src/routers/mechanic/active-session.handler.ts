import { findActiveSession, toMechanicSessionView, type MechanicSessionView } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** The session the mechanic has accepted and not finished (for the banner), or null. */
export async function activeSessionHandler({
  ctx,
}: {
  ctx: AuthedContext<'mechanic'>;
}): Promise<MechanicSessionView | null> {
  const session = await findActiveSession(ctx.db, { userId: ctx.user.id, role: 'mechanic' });
  return session ? toMechanicSessionView(session) : null;
}
