import { getOperatorSessionView, type OperatorSessionView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionInput } from './session.schema.ts';

/** A session with its whole timeline and who made each move (its room is `ops.openTranscript`'s). */
export function sessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof sessionInput>;
}): Promise<OperatorSessionView> {
  return getOperatorSessionView(ctx.db, input.sessionId);
}
