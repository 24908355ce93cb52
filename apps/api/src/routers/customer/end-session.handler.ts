import { endSession, getParticipantSession, toSessionView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';

/** The customer ends their live session. */
export async function endSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof sessionIdInput>;
}) {
  // Customers may only act on their own sessions (a mechanic is also a participant).
  const { mechanicName, intakePhotos } = await getParticipantSession(ctx.db, input.sessionId, {
    userId: ctx.user.id,
    role: 'customer',
  });
  // Only a live session ends, so its mechanic had accepted before the read above.
  const ended = await endSession(ctx.db, { sessionId: input.sessionId, actorUserId: ctx.user.id });
  return toSessionView({ ...ended, mechanicName, intakePhotos });
}
