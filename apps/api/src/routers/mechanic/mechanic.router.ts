import { createTRPCRouter, mechanicProcedure } from '../../trpc/init.ts';
import { quoteIdInput, sessionIdInput } from '../common.schema.ts';
import { acceptHandler } from './accept.handler.ts';
import { acceptInput } from './accept.schema.ts';
import { activeSessionHandler } from './active-session.handler.ts';
import { availabilityHandler } from './availability.handler.ts';
import { endSessionHandler } from './end-session.handler.ts';
import { endSessionInput } from './end-session.schema.ts';
import { earningLinesHandler } from './earning-lines.handler.ts';
import { earningLinesInput } from './earning-lines.schema.ts';
import { earningsCsvHandler } from './earnings-csv.handler.ts';
import { earningsHandler } from './earnings.handler.ts';
import { earningsInput } from './earnings.schema.ts';
import { heartbeatHandler } from './heartbeat.handler.ts';
import { heartbeatInput } from './heartbeat.schema.ts';
import { mechanicHistoryHandler } from './history.handler.ts';
import { mechanicHistoryInput } from './history.schema.ts';
import { queueFeedHandler } from './queue-feed.handler.ts';
import { queueFeedInput } from './queue-feed.schema.ts';
import { queueHandler } from './queue.handler.ts';
import { getSessionHandler } from './session.handler.ts';
import { ratingsHandler } from './ratings.handler.ts';
import { ratingsInput } from './ratings.schema.ts';
import { setAvailabilityHandler } from './set-availability.handler.ts';
import { setAvailabilityInput } from './set-availability.schema.ts';
import { startSessionHandler } from './start-session.handler.ts';
import { upcomingHandler } from './upcoming.handler.ts';
import { deleteQuoteDraftHandler } from './delete-quote-draft.handler.ts';
import { reviseQuoteHandler } from './revise-quote.handler.ts';
import { saveQuoteDraftHandler } from './save-quote-draft.handler.ts';
import { saveQuoteDraftInput } from './save-quote-draft.schema.ts';
import { sendQuoteHandler } from './send-quote.handler.ts';
import { sessionQuotesHandler } from './session-quotes.handler.ts';
import { withdrawQuoteHandler } from './withdraw-quote.handler.ts';
import { pushConfigHandler } from './push-config.handler.ts';
import { subscribePushHandler } from './subscribe-push.handler.ts';
import { subscribePushInput } from './subscribe-push.schema.ts';
import { unsubscribePushHandler } from './unsubscribe-push.handler.ts';
import { unsubscribePushInput } from './unsubscribe-push.schema.ts';

/** For signed-in mechanics: the queue, the sessions they accepted, their availability. */
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
  /** live → ended, with the summary the customer sees. */
  endSession: mechanicProcedure.input(endSessionInput).mutation(endSessionHandler),
  /** Whether the mechanic counts as online now. */
  availability: mechanicProcedure.query(availabilityHandler),
  /** Switches the mechanic on or off. */
  setAvailability: mechanicProcedure.input(setAvailabilityInput).mutation(setAvailabilityHandler),
  /** The app is still open: keeps a switched-on mechanic online (every `MECHANIC_PRESENCE.heartbeatMs`). */
  heartbeat: mechanicProcedure.input(heartbeatInput).mutation(heartbeatHandler),
  /** The sessions this mechanic accepted, newest first, a page at a time. */
  history: mechanicProcedure.input(mechanicHistoryInput).query(mechanicHistoryHandler),
  /** Scheduled sessions not yet due, soonest first. */
  upcoming: mechanicProcedure.query(upcomingHandler),
  /** Every version of every quote of a session this mechanic took, drafts included, newest first. */
  sessionQuotes: mechanicProcedure.input(sessionIdInput).query(sessionQuotesHandler),
  /** A new draft quote of a session (live, or ended within 14 days), or a draft's new content. */
  saveQuoteDraft: mechanicProcedure.input(saveQuoteDraftInput).mutation(saveQuoteDraftHandler),
  /** draft → sent (the version sent before it is superseded). */
  sendQuote: mechanicProcedure.input(quoteIdInput).mutation(sendQuoteHandler),
  /** A new draft version of a sent, declined or expired version. */
  reviseQuote: mechanicProcedure.input(quoteIdInput).mutation(reviseQuoteHandler),
  /** sent → withdrawn. */
  withdrawQuote: mechanicProcedure.input(quoteIdInput).mutation(withdrawQuoteHandler),
  deleteQuoteDraft: mechanicProcedure.input(quoteIdInput).mutation(deleteQuoteDraftHandler),
  /** Balance, this month's and last month's earnings (in `timeZone`), ratings' average. */
  earnings: mechanicProcedure.input(earningsInput).query(earningsHandler),
  /** Earnings lines (referral fees, quote bonuses, payouts), newest first, a page at a time. */
  earningLines: mechanicProcedure.input(earningLinesInput).query(earningLinesHandler),
  /** Every earnings line as CSV, summing to the balance. */
  earningsCsv: mechanicProcedure.query(earningsCsvHandler),
  /** The ratings customers gave, newest first, a page at a time. */
  ratings: mechanicProcedure.input(ratingsInput).query(ratingsHandler),
  /** Whether push is on, and the VAPID public key to subscribe with. */
  pushConfig: mechanicProcedure.query(pushConfigHandler),
  /** This browser's Web Push subscription, for the caller (see the handler for the ownership rule). */
  subscribePush: mechanicProcedure.input(subscribePushInput).mutation(subscribePushHandler),
  /** This browser's subscription removed (the caller's own only). */
  unsubscribePush: mechanicProcedure.input(unsubscribePushInput).mutation(unsubscribePushHandler),
});
