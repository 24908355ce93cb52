import { historyInput } from '../customer/history.schema.ts';

/** A page of ratings: `limit` 1..50 (default 20), `cursor` the previous page's `nextCursor`. */
export const ratingsInput = historyInput;
