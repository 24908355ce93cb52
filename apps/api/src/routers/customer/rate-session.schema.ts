import { ratingInputSchema } from '@autodoctor/session-core/rules';
import { sessionIdInput } from '../common.schema.ts';

/** The customer rates an ended session of theirs: `stars` 1..5, `comment` up to 1,000 characters. */
export const rateSessionInput = sessionIdInput.extend(ratingInputSchema.shape);
