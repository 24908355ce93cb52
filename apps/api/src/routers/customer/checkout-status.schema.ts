import { checkoutSessionIdInput } from './credit-purchase.schema.ts';

/** One of the customer's paid-session checkouts. */
export const checkoutStatusInput = checkoutSessionIdInput;
