import { getReceipt, type Receipt } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { receiptInput } from './receipt.schema.ts';

/** One of the customer's receipts; anyone else's is RECEIPT_NOT_FOUND, as an unknown one. */
export async function receiptHandler(options: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof receiptInput>;
}): Promise<Receipt> {
  const { ctx, input } = options;
  return getReceipt(ctx.db, ctx.user.id, input);
}
