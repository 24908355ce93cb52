import { createTRPCRouter, participantProcedure } from '../../trpc/init.ts';
import { sessionFeedHandler } from './session-feed.handler.ts';
import { sessionFeedInput } from './session.schema.ts';
import { timelineHandler } from './timeline.handler.ts';
import { timelineInput } from './timeline.schema.ts';

/** For the participants of one session, customer or mechanic. */
export const sessionRouter = createTRPCRouter({
  /** The session's status changes over SSE (resumable with lastEventId). */
  feed: participantProcedure.input(sessionFeedInput).subscription(sessionFeedHandler),
  /** The session's events (id, type, when), oldest first. */
  timeline: participantProcedure.input(timelineInput).query(timelineHandler),
});
