import { z } from 'zod';

/** A Stripe Checkout Session id, as the success page gets it back from Stripe. */
export const checkoutSessionIdInput = z.object({ checkoutSessionId: z.string().trim().min(1).max(255) });

/** One of the customer's credit purchases, by its checkout. */
export const creditPurchaseInput = checkoutSessionIdInput;
