import { TRANSCRIPT_REASON } from '@autodoctor/session-core/rules';
import { z } from 'zod';

/** Which session's room, and why the operator opens it (kept in the access log). */
export const openTranscriptInput = z.object({
  sessionId: z.string().min(1).max(64),
  reason: z.string().trim().min(TRANSCRIPT_REASON.min).max(TRANSCRIPT_REASON.max),
});
