import { z } from 'zod';
import { operatorReason } from './operator-reason.schema.ts';

/** Which session's room, and why the operator opens it (kept in the access log). */
export const openTranscriptInput = z.object({
  sessionId: z.string().min(1).max(64),
  reason: operatorReason,
});
