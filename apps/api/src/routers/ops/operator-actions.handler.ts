import { listOperatorActions, type OperatorActionLine } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** The audit of operators' actions (disable, enable, invite, requeue, cancel): newest first. */
export function operatorActionsHandler({
  ctx,
}: {
  ctx: AuthedContext<'operator'>;
}): Promise<OperatorActionLine[]> {
  return listOperatorActions(ctx.db);
}
