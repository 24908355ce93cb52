import { z } from 'zod';

export const historyInput = z.object({
  limit: z.number().int().min(1).max(50).default(20),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).nullish(),
});
