import { recordMechanicHeartbeat, type MechanicAvailability } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** The mechanic app is still open (every `MECHANIC_PRESENCE.heartbeatMs`); switches nobody on. */
export async function heartbeatHandler({
  ctx,
}: {
  ctx: AuthedContext<'mechanic'>;
}): Promise<MechanicAvailability> {
  return recordMechanicHeartbeat(ctx.db, ctx.user.id);
}
