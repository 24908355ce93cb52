import { z } from 'zod';
import { operatorReason } from './operator-reason.schema.ts';

/** Which mechanic to disable or enable, and why (kept in the audit of operators' actions). */
export const mechanicAccessInput = z.object({
  mechanicUserId: z.string().min(1).max(64),
  reason: operatorReason,
});
