import { sessionSummarySchema } from '@autodoctor/session-core/rules';
import { z } from 'zod';
import { lastEventIdField, sessionIdInput } from '../common.schema.ts';

export const acceptInput = z.object({ assignmentId: z.uuid() });
export const queueFeedInput = z.object({ lastEventId: lastEventIdField }).optional();

/** The mechanic ends a session with a summary for the customer. */
export const endSessionInput = sessionIdInput.extend({ summary: sessionSummarySchema });
