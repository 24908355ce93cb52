import { listReceipts, type ReceiptPage } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { receiptsInput } from './receipts.schema.ts';

/** The customer's card payments and credit purchases, newest first, a page at a time. */
export async function receiptsHandler(options: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof receiptsInput>;
}): Promise<ReceiptPage> {
  const { ctx, input } = options;
  return listReceipts(ctx.db, ctx.user.id, input);
}
