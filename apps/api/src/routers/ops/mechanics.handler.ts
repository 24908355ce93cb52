import { listMechanicRoster, type MechanicRosterEntry } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** Every mechanic: where they are now, when last seen, what they are owed. */
export function mechanicsHandler({
  ctx,
}: {
  ctx: AuthedContext<'operator'>;
}): Promise<MechanicRosterEntry[]> {
  return listMechanicRoster(ctx.db);
}
