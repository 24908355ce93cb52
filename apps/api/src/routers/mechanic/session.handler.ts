import {
  getParticipantSession,
  toMechanicSessionView,
  type MechanicSessionView,
} from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';

/** A session this mechanic accepted. */
export async function getSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof sessionIdInput>;
}): Promise<MechanicSessionView> {
  return toMechanicSessionView(
    await getParticipantSession(ctx.db, input.sessionId, { userId: ctx.user.id, role: 'mechanic' }),
  );
}
