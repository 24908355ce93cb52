import { historyInput } from './history.schema.ts';

/** A page of receipts: `limit` 1..50 (default 20), `cursor` the previous page's `nextCursor`. */
export const receiptsInput = historyInput;
