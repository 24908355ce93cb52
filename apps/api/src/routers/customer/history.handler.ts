import {
  listCustomerSessions,
  toSessionView,
  withCustomerRatings,
  type CustomerSessionView,
} from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { historyInput } from './history.schema.ts';

/** The customer's sessions, newest first, a page at a time, each with the rating they gave it. */
export async function historyHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof historyInput>;
}): Promise<{ items: CustomerSessionView[]; nextCursor: string | null }> {
  const page = await listCustomerSessions(ctx.db, ctx.user.id, input);
  const items = await withCustomerRatings(ctx.db, ctx.user.id, page.items.map(toSessionView));
  return { items, nextCursor: page.nextCursor };
}
