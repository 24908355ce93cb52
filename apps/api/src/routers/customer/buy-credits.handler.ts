import type { z } from 'zod';
import { startCreditCheckout } from '../../stripe/credit-checkout.ts';
import type { AuthedContext } from '../../trpc/context.ts';
import type { buyCreditsInput } from './buy-credits.schema.ts';

/** Opens a Stripe Checkout Session for a credit pack; the webhook adds the credits once paid. */
export async function buyCreditsHandler(options: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof buyCreditsInput>;
}): Promise<{ checkoutUrl: string; checkoutSessionId: string }> {
  const { ctx, input } = options;
  const appUrl = ctx.config.CUSTOMER_APP_URL;
  const checkout = await startCreditCheckout(ctx, {
    customer: ctx.user,
    packId: input.packId,
    successUrl: `${appUrl}/account/credits/success?checkout_session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${appUrl}/account/credits/cancelled`,
  });
  return { checkoutUrl: checkout.checkoutUrl, checkoutSessionId: checkout.checkoutSessionId };
}
