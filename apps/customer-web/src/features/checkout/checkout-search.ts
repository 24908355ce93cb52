import { z } from 'zod';

/** What Stripe appends to our success URLs: `?checkout_session_id=cs_…`. */
export const checkoutReturnSearchSchema = z.object({
  checkout_session_id: z.string().max(255).optional().catch(undefined),
});
