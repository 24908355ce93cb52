import { cancelSessionAsOperator, type CancelledSession } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionActionInput } from './session-action.schema.ts';

/**
 * An operator cancels a session with a reason (session-core `cancelSessionAsOperator`): the
 * customer's refund rules, the operator named on the event and in the audit.
 */
export async function cancelSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof sessionActionInput>;
}): Promise<CancelledSession> {
  const cancelled = await cancelSessionAsOperator(ctx.db, { ...input, operatorUserId: ctx.user.id });
  // A paid session cancelled before a mechanic took it is owed a refund (written by a trigger).
  if (cancelled.session.type === 'paid' && !cancelled.wasAccepted) ctx.refunds.kick();
  return cancelled;
}
