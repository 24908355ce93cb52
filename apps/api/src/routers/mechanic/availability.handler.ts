import {
  getMechanicAvailability,
  recordMechanicHeartbeat,
  setMechanicAvailability,
  type MechanicAvailability,
} from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { setAvailabilityInput } from './availability.schema.ts';

type Ctx = AuthedContext<'mechanic'>;

/** Whether the mechanic counts as online now (a stale heartbeat reads as offline). */
export async function availabilityHandler({ ctx }: { ctx: Ctx }): Promise<MechanicAvailability> {
  return getMechanicAvailability(ctx.db, ctx.user.id);
}

/** The mechanic switches on or off. */
export async function setAvailabilityHandler({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.output<typeof setAvailabilityInput>;
}): Promise<MechanicAvailability> {
  return setMechanicAvailability(ctx.db, { mechanicUserId: ctx.user.id, online: input.online });
}

/** The mechanic app is still open (every `MECHANIC_PRESENCE.heartbeatMs`); switches nobody on. */
export async function heartbeatHandler({ ctx }: { ctx: Ctx }): Promise<MechanicAvailability> {
  return recordMechanicHeartbeat(ctx.db, ctx.user.id);
}
