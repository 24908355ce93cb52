import { reviseQuote, type QuoteView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { quoteIdInput } from '../common.schema.ts';

/** A new draft version of a sent, declined or expired version. */
export async function reviseQuoteHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof quoteIdInput>;
}): Promise<QuoteView> {
  return reviseQuote(ctx.db, { mechanicUserId: ctx.user.id, quoteId: input.quoteId });
}
