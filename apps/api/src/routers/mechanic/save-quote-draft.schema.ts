import { quoteDraftSchema } from '@autodoctor/session-core/rules';
import { z } from 'zod';
import { sessionIdInput } from '../common.schema.ts';

/** A new quote of a session (no `quoteId`), or the new content of one of its drafts. */
export const saveQuoteDraftInput = sessionIdInput.extend({
  quoteId: z.uuid().optional(),
  quote: quoteDraftSchema,
});
