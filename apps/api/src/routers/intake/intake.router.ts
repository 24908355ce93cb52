import { createTRPCRouter, customerProcedure } from '../../trpc/init.ts';
import { mechanicsOnlineHandler } from './mechanics-online.handler.ts';
import { intakeOptionsHandler } from './options.handler.ts';
import { startSessionHandler } from './start-session.handler.ts';
import { startSessionInput } from './start-session.schema.ts';

export const intakeRouter = createTRPCRouter({
  /** Customer: start a free, credit or paid session (paid returns a Stripe checkout URL). */
  startSession: customerProcedure.input(startSessionInput).mutation(startSessionHandler),
  /** Customer: whether the free session is still available, and the credit balance. */
  options: customerProcedure.query(intakeOptionsHandler),
  /** Customer: how many mechanics are online, now and at each change (SSE). */
  mechanicsOnline: customerProcedure.subscription(mechanicsOnlineHandler),
});
