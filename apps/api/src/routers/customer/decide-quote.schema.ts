import { DECISIONS_MAX, signatureNameSchema } from '@autodoctor/session-core';
import { z } from 'zod';
import { quoteIdInput } from '../common.schema.ts';

/** The customer's decision on a sent version: every line once, signed with their typed full name. */
export const decideQuoteInput = quoteIdInput.extend({
  decisions: z
    .array(z.object({ lineId: z.uuid(), approved: z.boolean() }), { error: 'Decide every line of the quote' })
    .min(1, 'Decide every line of the quote')
    .max(DECISIONS_MAX, `A quote has at most ${DECISIONS_MAX} lines`),
  signatureName: signatureNameSchema,
});
