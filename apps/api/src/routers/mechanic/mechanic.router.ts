import { createTRPCRouter, mechanicProcedure } from '../../trpc/init.ts';
import { sessionIdInput } from '../common.schema.ts';
import {
  acceptHandler,
  activeSessionHandler,
  endSessionHandler,
  getSessionHandler,
  queueHandler,
  startSessionHandler,
} from './mechanic.handlers.ts';
import { acceptInput, queueFeedInput } from './mechanic.schema.ts';
import { queueFeedHandler } from './queue-feed.handler.ts';

/** For signed-in mechanics: the queue, and the sessions they accepted. */
export const mechanicRouter = createTRPCRouter({
  /** Queued sessions, oldest first, with their waiting time. */
  queue: mechanicProcedure.query(queueHandler),
  /** Live queue events over SSE (resumable with lastEventId). */
  queueFeed: mechanicProcedure.input(queueFeedInput).subscription(queueFeedHandler),
  /** Takes a queued session; CONFLICT when another mechanic was first. */
  accept: mechanicProcedure.input(acceptInput).mutation(acceptHandler),
  /** The session the mechanic has accepted and not finished (for the banner), or null. */
  activeSession: mechanicProcedure.query(activeSessionHandler),
  /** A session this mechanic accepted. */
  session: mechanicProcedure.input(sessionIdInput).query(getSessionHandler),
  /** waiting → live. */
  startSession: mechanicProcedure.input(sessionIdInput).mutation(startSessionHandler),
  /** live → ended. */
  endSession: mechanicProcedure.input(sessionIdInput).mutation(endSessionHandler),
});
