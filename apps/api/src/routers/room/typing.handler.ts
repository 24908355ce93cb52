import { findRoomParticipant, isRoomOpen, RoomClosedError } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { typingInput } from './room.schema.ts';

/** The caller is typing: the other side's feed shows it for a few seconds. */
export async function typingHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer' | 'mechanic'>;
  input: z.output<typeof typingInput>;
}): Promise<void> {
  const participant = await findRoomParticipant(ctx.db, input.sessionId, ctx.user.id);
  if (!isRoomOpen(participant.status)) throw new RoomClosedError(participant.sessionId, participant.status);
  await ctx.typing.announce(participant.sessionId, participant.role);
}
