import { createTRPCRouter, customerProcedure } from '../../trpc/init.ts';
import { sessionIdInput } from '../common.schema.ts';
import { activeSessionHandler } from './active-session.handler.ts';
import { buyCreditsHandler } from './buy-credits.handler.ts';
import { buyCreditsInput } from './buy-credits.schema.ts';
import { cancelSessionHandler } from './cancel-session.handler.ts';
import { checkoutStatusHandler } from './checkout-status.handler.ts';
import { checkoutStatusInput } from './checkout-status.schema.ts';
import { creditBalanceHandler } from './credit-balance.handler.ts';
import { creditLedgerHandler } from './credit-ledger.handler.ts';
import { creditLedgerInput } from './credit-ledger.schema.ts';
import { creditPurchaseHandler } from './credit-purchase.handler.ts';
import { creditPurchaseInput } from './credit-purchase.schema.ts';
import { endSessionHandler } from './end-session.handler.ts';
import { historyHandler } from './history.handler.ts';
import { historyInput } from './history.schema.ts';
import { rateSessionHandler } from './rate-session.handler.ts';
import { rateSessionInput } from './rate-session.schema.ts';
import { queueStatusHandler } from './queue-status.handler.ts';
import { queueStatusInput } from './queue-status.schema.ts';
import { getSessionHandler } from './session.handler.ts';
import { decideQuoteHandler } from './decide-quote.handler.ts';
import { decideQuoteInput } from './decide-quote.schema.ts';
import { openQuotesHandler } from './open-quotes.handler.ts';
import { quoteFeedHandler } from './quote-feed.handler.ts';
import { quoteFeedInput } from './quote-feed.schema.ts';
import { sessionQuotesHandler } from './session-quotes.handler.ts';
import { receiptsHandler } from './receipts.handler.ts';
import { receiptsInput } from './receipts.schema.ts';
import { receiptHandler } from './receipt.handler.ts';
import { receiptInput } from './receipt.schema.ts';

/** Everything here is for the signed-in customer, about their own sessions only. */
export const customerRouter = createTRPCRouter({
  /** The session that occupies the customer now (for the banner), or null. */
  activeSession: customerProcedure.query(activeSessionHandler),
  /** One of the customer's sessions. */
  session: customerProcedure.input(sessionIdInput).query(getSessionHandler),
  /** The customer's sessions, newest first, a page at a time. */
  history: customerProcedure.input(historyInput).query(historyHandler),
  creditBalance: customerProcedure.query(creditBalanceHandler),
  /** Ends a live session. */
  endSession: customerProcedure.input(sessionIdInput).mutation(endSessionHandler),
  /** Cancels a scheduled, pending or waiting session (credits and payments are returned if no mechanic had it). */
  cancelSession: customerProcedure.input(sessionIdInput).mutation(cancelSessionHandler),
  /** The session's place in the mechanic queue and its estimated wait. */
  queueStatus: customerProcedure.input(queueStatusInput).query(queueStatusHandler),
  /** Opens a Stripe Checkout Session for a credit pack. */
  buyCredits: customerProcedure.input(buyCreditsInput).mutation(buyCreditsHandler),
  /** Whether a credit pack bought through `buyCredits` has been credited yet. */
  creditPurchase: customerProcedure.input(creditPurchaseInput).query(creditPurchaseHandler),
  /** Every change of the credit balance, newest first, a page at a time. */
  creditLedger: customerProcedure.input(creditLedgerInput).query(creditLedgerHandler),
  /** What became of a paid session's checkout (session made, or refunded). */
  checkoutStatus: customerProcedure.input(checkoutStatusInput).query(checkoutStatusHandler),
  /** The quote versions sent for one of the customer's sessions (never drafts), newest first. */
  sessionQuotes: customerProcedure.input(sessionIdInput).query(sessionQuotesHandler),
  /** The quote versions the customer can decide now, across their sessions (the dashboard). */
  openQuotes: customerProcedure.query(openQuotesHandler),
  /** Approves or declines each line of a sent version, signed with the typed full name. */
  decideQuote: customerProcedure.input(decideQuoteInput).mutation(decideQuoteHandler),
  /** Live quote events of the customer's sessions over SSE (resumable with lastEventId). */
  quoteFeed: customerProcedure.input(quoteFeedInput).subscription(quoteFeedHandler),
  /** Rates an ended session a mechanic took (1–5 stars, a comment); changeable for 7 days. */
  rateSession: customerProcedure.input(rateSessionInput).mutation(rateSessionHandler),
  /** The customer's card payments and credit purchases, newest first, a page at a time. */
  receipts: customerProcedure.input(receiptsInput).query(receiptsHandler),
  /** One receipt (what, amount, date, payment reference); another customer's is RECEIPT_NOT_FOUND. */
  receipt: customerProcedure.input(receiptInput).query(receiptHandler),
});
