import { deleteQuoteDraft } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { quoteIdInput } from '../common.schema.ts';

/** Deletes a draft. */
export async function deleteQuoteDraftHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof quoteIdInput>;
}): Promise<{ deleted: true }> {
  return deleteQuoteDraft(ctx.db, { mechanicUserId: ctx.user.id, quoteId: input.quoteId });
}
