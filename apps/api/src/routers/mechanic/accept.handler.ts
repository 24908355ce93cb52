import {
  acceptAssignment,
  getParticipantSession,
  toMechanicSessionView,
  type MechanicSessionView,
} from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { acceptInput } from './accept.schema.ts';

/** Takes a queued session; CONFLICT when another mechanic was first. */
export async function acceptHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof acceptInput>;
}): Promise<MechanicSessionView> {
  const { session } = await acceptAssignment(ctx.db, {
    assignmentId: input.assignmentId,
    mechanicUserId: ctx.user.id,
  });
  // The session as the accept left it; the customer's name from a read (the caller takes part now).
  const { customerName, intakePhotos } = await getParticipantSession(ctx.db, session.id, {
    userId: ctx.user.id,
    role: 'mechanic',
  });
  // The accepting mechanic is the caller.
  return toMechanicSessionView({ ...session, mechanicName: ctx.user.name, customerName, intakePhotos });
}
