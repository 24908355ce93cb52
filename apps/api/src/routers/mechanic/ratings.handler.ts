import { listMechanicRatings, type RatingPage } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { ratingsInput } from './ratings.schema.ts';

/** The ratings customers gave the mechanic's sessions, newest first (never the customers' names). */
export async function ratingsHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof ratingsInput>;
}): Promise<RatingPage> {
  return listMechanicRatings(ctx.db, ctx.user.id, input);
}
