import { z } from 'zod';
import { operatorReason } from './operator-reason.schema.ts';

/** Which session an operator cancels or puts back in the queue, and why (kept in the audit). */
export const sessionActionInput = z.object({
  sessionId: z.string().min(1).max(64),
  reason: operatorReason,
});
