import { setMechanicAvailability, type MechanicAvailability } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { setAvailabilityInput } from './set-availability.schema.ts';

/** The mechanic switches on or off. */
export async function setAvailabilityHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof setAvailabilityInput>;
}): Promise<MechanicAvailability> {
  return setMechanicAvailability(ctx.db, { mechanicUserId: ctx.user.id, online: input.online });
}
