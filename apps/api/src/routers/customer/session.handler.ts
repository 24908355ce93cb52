import { getParticipantSession, toSessionView, type SessionView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';

/** One of the customer's own sessions. */
export async function getSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof sessionIdInput>;
}): Promise<SessionView> {
  return toSessionView(
    await getParticipantSession(ctx.db, input.sessionId, { userId: ctx.user.id, role: 'customer' }),
  );
}
