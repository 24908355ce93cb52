import { getMechanicAvailability, type MechanicAvailability } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** Whether the mechanic counts as online now (a stale heartbeat reads as offline). */
export async function availabilityHandler({
  ctx,
}: {
  ctx: AuthedContext<'mechanic'>;
}): Promise<MechanicAvailability> {
  return getMechanicAvailability(ctx.db, ctx.user.id);
}
