import { queueFeedInput } from '../mechanic/queue-feed.schema.ts';

/** Optional `lastEventId` (a reconnect): the events after it are replayed first. */
export const quoteFeedInput = queueFeedInput;
