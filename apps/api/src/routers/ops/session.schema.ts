import { z } from 'zod';

/** One session, by id (any text up to 64 characters: an unknown one is SESSION_NOT_FOUND). */
export const sessionInput = z.object({ sessionId: z.string().min(1).max(64) });
