import { decideQuote, type QuoteView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { decideQuoteInput } from './decide-quote.schema.ts';

/**
 * Approves or declines each line of a sent version, recording where the decision came from; then
 * the mechanic's Web Push (in the background).
 */
export async function decideQuoteHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof decideQuoteInput>;
}): Promise<QuoteView> {
  const quote = await decideQuote(ctx.db, {
    customerUserId: ctx.user.id,
    quoteId: input.quoteId,
    decisions: input.decisions,
    signatureName: input.signatureName,
    clientAddress: ctx.clientAddress,
    userAgent: ctx.userAgent,
  });
  ctx.push?.quoteDecided(quote.id); // after the commit: the mechanic's device, if no tab is open
  return quote;
}
