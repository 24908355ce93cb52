import { endSession, getParticipantSession, toMechanicSessionView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { endSessionInput } from './end-session.schema.ts';

/** live → ended, with the summary the customer sees. */
export async function endSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof endSessionInput>;
}) {
  const reader = { userId: ctx.user.id, role: 'mechanic' } as const;
  await getParticipantSession(ctx.db, input.sessionId, reader);
  await endSession(ctx.db, { sessionId: input.sessionId, actorUserId: ctx.user.id, summary: input.summary });
  // Read back with the mechanic's name and the summary just written.
  return toMechanicSessionView(await getParticipantSession(ctx.db, input.sessionId, reader));
}
