import { listSessionQuotes, type QuoteView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';

/** The quote versions the mechanic sent for one of the customer's sessions (never drafts), newest first. */
export async function sessionQuotesHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof sessionIdInput>;
}): Promise<QuoteView[]> {
  return listSessionQuotes(ctx.db, input.sessionId, { userId: ctx.user.id, role: 'customer' });
}
