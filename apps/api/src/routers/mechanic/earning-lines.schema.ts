import { historyInput } from '../customer/history.schema.ts';

/** A page of earnings lines: `limit` 1..50 (default 20), `cursor` the previous page's `nextCursor`. */
export const earningLinesInput = historyInput;
