import { rateSession, type RatingView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { rateSessionInput } from './rate-session.schema.ts';

/** Rates (or, within 7 days, re-rates) an ended session of the customer's that a mechanic took. */
export async function rateSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof rateSessionInput>;
}): Promise<RatingView> {
  return rateSession(ctx.db, { customerUserId: ctx.user.id, ...input });
}
