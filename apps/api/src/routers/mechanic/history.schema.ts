import { historyInput } from '../customer/history.schema.ts';

/** A page of the sessions the mechanic accepted: `limit` 1..50 (default 20), `cursor` the previous page's `nextCursor`. */
export const mechanicHistoryInput = historyInput;
