import { listCustomerSessions, toSessionView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { historyInput } from './history.schema.ts';

/** The customer's sessions, newest first, a page at a time. */
export async function historyHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof historyInput>;
}) {
  const page = await listCustomerSessions(ctx.db, ctx.user.id, input);
  return { items: page.items.map(toSessionView), nextCursor: page.nextCursor };
}
