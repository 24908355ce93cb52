import { cancelSession, getParticipantSession, toSessionView } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';

/** The customer cancels a scheduled, pending or waiting session of theirs. */
export async function cancelSessionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof sessionIdInput>;
}) {
  const reader = { userId: ctx.user.id, role: 'customer' } as const;
  // The intake's photos never change after the session is made.
  const { intakePhotos } = await getParticipantSession(ctx.db, input.sessionId, reader);
  const cancelled = await cancelSession(ctx.db, { sessionId: input.sessionId, actorUserId: ctx.user.id });
  // A paid session cancelled before a mechanic took it is owed a refund (written by a trigger).
  if (cancelled.session.type === 'paid' && !cancelled.wasAccepted) ctx.refunds.kick();
  // The accepting mechanic's name, for a view made from the transition's result.
  const mechanicName = cancelled.wasAccepted
    ? (await getParticipantSession(ctx.db, input.sessionId, reader)).mechanicName
    : null;
  return {
    session: toSessionView({ ...cancelled.session, mechanicName, intakePhotos }),
    creditsRefunded: cancelled.creditsRefunded,
  };
}
