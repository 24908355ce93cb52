import { z } from 'zod';

/** A Stripe Checkout Session id, as the success page gets it back from Stripe. */
export const checkoutSessionIdInput = z.object({
  // Stripe's ids are printable ASCII (and PostgreSQL text cannot hold NUL).
  checkoutSessionId: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'Not a checkout session id'),
});

/** One of the customer's credit purchases, by its checkout. */
export const creditPurchaseInput = checkoutSessionIdInput;
