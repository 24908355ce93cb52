import { getIntakeOptions, type IntakeOptions } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** What the customer can start a session with: the free session (if not used up), their credits. */
export async function intakeOptionsHandler(options: {
  ctx: AuthedContext<'customer'>;
}): Promise<IntakeOptions> {
  return getIntakeOptions(options.ctx.db, options.ctx.user.id);
}
