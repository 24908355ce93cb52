import type { FeedEvent } from '@autodoctor/session-core';

/**
 * `map`, computed once per event: the hub hands the same event object to every
 * stream, so a thousand subscribers share one view (and one serialization).
 */
export function perEvent<T>(map: (event: FeedEvent) => T): (event: FeedEvent) => T {
  const views = new WeakMap<FeedEvent, { view: T }>();
  return (event) => {
    let entry = views.get(event);
    if (!entry) {
      entry = { view: map(event) };
      views.set(event, entry);
    }
    return entry.view;
  };
}
