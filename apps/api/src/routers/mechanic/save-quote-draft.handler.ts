import { saveQuoteDraft, type QuoteView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { saveQuoteDraftInput } from './save-quote-draft.schema.ts';

/** Writes a draft quote of a session the mechanic took (every amount computed by session-core). */
export async function saveQuoteDraftHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof saveQuoteDraftInput>;
}): Promise<QuoteView> {
  return saveQuoteDraft(ctx.db, {
    mechanicUserId: ctx.user.id,
    sessionId: input.sessionId,
    quoteId: input.quoteId,
    quote: input.quote,
  });
}
