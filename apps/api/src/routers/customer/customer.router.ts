import { createTRPCRouter, customerProcedure } from '../../trpc/init.ts';
import { sessionIdInput } from '../common.schema.ts';
import {
  activeSessionHandler,
  cancelSessionHandler,
  creditBalanceHandler,
  endSessionHandler,
  getSessionHandler,
  historyHandler,
} from './customer.handlers.ts';
import { historyInput } from './customer.schema.ts';

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
});
