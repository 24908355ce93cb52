import { sessionSummarySchema } from '@autodoctor/session-core/rules';
import { sessionIdInput } from '../common.schema.ts';

/** The mechanic ends a session with a summary for the customer. */
export const endSessionInput = sessionIdInput.extend({ summary: sessionSummarySchema });
