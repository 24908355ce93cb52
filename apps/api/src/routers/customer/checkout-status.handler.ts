import type { z } from 'zod';
import { getCheckoutStatus, type CheckoutStatus } from '../../stripe/checkout-status.ts';
import type { AuthedContext } from '../../trpc/context.ts';
import type { checkoutStatusInput } from './checkout-status.schema.ts';

/** What became of a paid intake's checkout (the success page polls it). */
export async function checkoutStatusHandler(options: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof checkoutStatusInput>;
}): Promise<CheckoutStatus> {
  const { ctx, input } = options;
  return getCheckoutStatus(ctx.db, ctx.user.id, input.checkoutSessionId);
}
