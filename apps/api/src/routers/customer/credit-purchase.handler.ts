import { getCreditPurchase, type CreditPurchaseStatus } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { creditPurchaseInput } from './credit-purchase.schema.ts';

/** Whether a credit pack the customer bought has been credited yet (the success page polls it). */
export async function creditPurchaseHandler(options: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof creditPurchaseInput>;
}): Promise<CreditPurchaseStatus> {
  const { ctx, input } = options;
  return getCreditPurchase(ctx.db, ctx.user.id, input.checkoutSessionId);
}
