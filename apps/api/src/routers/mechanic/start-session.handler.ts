import { getParticipantSession, startSession, toSessionView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';

/** waiting → live. */
export async function startSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof sessionIdInput>;
}) {
  const { mechanicName, intakePhotos } = await getParticipantSession(ctx.db, input.sessionId, {
    userId: ctx.user.id,
    role: 'mechanic',
  });
  const started = await startSession(ctx.db, { sessionId: input.sessionId, actorUserId: ctx.user.id });
  return toSessionView({ ...started, mechanicName, intakePhotos });
}
