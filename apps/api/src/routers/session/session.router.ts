import { createTRPCRouter, protectedProcedure } from '../../trpc/init.ts';
import { sessionFeedHandler } from './session-feed.handler.ts';
import { sessionFeedInput } from './session.schema.ts';

/** For the participants of one session, customer or mechanic. */
export const sessionRouter = createTRPCRouter({
  /** The session's status changes over SSE (resumable with lastEventId). */
  feed: protectedProcedure.input(sessionFeedInput).subscription(sessionFeedHandler),
});
