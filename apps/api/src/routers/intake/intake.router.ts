import { createTRPCRouter, customerProcedure } from '../../trpc/init.ts';
import { startSessionHandler } from './start-session.handler.ts';
import { startSessionInput } from './start-session.schema.ts';

export const intakeRouter = createTRPCRouter({
  /** Customer: start a free, credit or paid session (paid returns a Stripe checkout URL). */
  startSession: customerProcedure.input(startSessionInput).mutation(startSessionHandler),
});
