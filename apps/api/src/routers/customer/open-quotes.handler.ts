import { listOpenQuotes, type QuoteView } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** The quote versions the customer can decide now, across their sessions, newest first (the dashboard). */
export async function openQuotesHandler({ ctx }: { ctx: AuthedContext<'customer'> }): Promise<QuoteView[]> {
  return listOpenQuotes(ctx.db, ctx.user.id);
}
