import { z } from 'zod';

/** `?redirect=` — where to go once signed in (a path of this app only, never another site). */
export const authSearchSchema = z.object({
  redirect: z
    .string()
    .regex(/^\/(?!\/)/)
    .optional()
    .catch(undefined),
});
