import { listSessionQuotes, type QuoteView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';

/** Every version of every quote of a session this mechanic took, drafts included, newest first. */
export async function sessionQuotesHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof sessionIdInput>;
}): Promise<QuoteView[]> {
  return listSessionQuotes(ctx.db, input.sessionId, { userId: ctx.user.id, role: 'mechanic' });
}
