/**
 * Where a reader of the session event feed stands: the (transaction id, event
 * id) of the last event it has seen. Events are read in this order, and only
 * up to the oldest transaction still running, so no event can later appear
 * before a position a reader has passed (ids alone are handed out before
 * commit and can become visible out of order).
 */
export interface FeedPosition {
  /** `session_events.tx_id` (an xid8, as a decimal string). */
  txId: string;
  /** `session_events.id`. */
  id: number;
}

/** True when `position` comes after `reference` in feed order. */
export function isAfter(position: FeedPosition, reference: FeedPosition): boolean {
  const a = BigInt(position.txId);
  const b = BigInt(reference.txId);
  return a === b ? position.id > reference.id : a > b;
}
