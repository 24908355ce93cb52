import {
  getParticipantSession,
  toSessionView,
  withCustomerRatings,
  type CustomerSessionView,
} from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';

/** One of the customer's own sessions, with the rating they gave it. */
export async function getSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof sessionIdInput>;
}): Promise<CustomerSessionView> {
  const session = await getParticipantSession(ctx.db, input.sessionId, {
    userId: ctx.user.id,
    role: 'customer',
  });
  const [view] = await withCustomerRatings(ctx.db, ctx.user.id, [toSessionView(session)]);
  return view!;
}
