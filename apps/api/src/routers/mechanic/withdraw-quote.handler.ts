import { withdrawQuote, type QuoteView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { quoteIdInput } from '../common.schema.ts';

/** Takes back a sent version. */
export async function withdrawQuoteHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof quoteIdInput>;
}): Promise<QuoteView> {
  return withdrawQuote(ctx.db, { mechanicUserId: ctx.user.id, quoteId: input.quoteId });
}
