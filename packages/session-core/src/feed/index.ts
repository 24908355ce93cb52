export { isAfter, type FeedPosition } from './feed-position.ts';
export {
  currentFeedPosition,
  lastSettledEventId,
  positionOfEvent,
  readSessionEvents,
  type FeedEvent,
  type ReadSessionEventsOptions,
} from './read-session-events.ts';
