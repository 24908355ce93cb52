import { requeueSession, type RequeuedSession } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionActionInput } from './session-action.schema.ts';

/** An operator puts a stuck accepted or live session back in the queue (session-core `requeueSession`). */
export function requeueSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof sessionActionInput>;
}): Promise<RequeuedSession> {
  return requeueSession(ctx.db, { ...input, operatorUserId: ctx.user.id });
}
