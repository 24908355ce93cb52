import { sendQuote, type QuoteView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { quoteIdInput } from '../common.schema.ts';

/** Sends a draft to the customer (superseding the version sent before it). */
export async function sendQuoteHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof quoteIdInput>;
}): Promise<QuoteView> {
  return sendQuote(ctx.db, { mechanicUserId: ctx.user.id, quoteId: input.quoteId });
}
