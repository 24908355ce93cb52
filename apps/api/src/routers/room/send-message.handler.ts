import { sendRoomMessage } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import { toRoomFeedEntry, type RoomMessageView } from './room-entry-view.ts';
import type { sendMessageInput } from './room.schema.ts';

/** Stores the message (idempotent by its client id) and returns it; the room feed announces it. */
export async function sendMessageHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer' | 'mechanic'>;
  input: z.output<typeof sendMessageInput>;
}): Promise<RoomMessageView> {
  const message = await sendRoomMessage(ctx.db, { ...input, senderUserId: ctx.user.id });
  return toRoomFeedEntry(message) as RoomMessageView;
}
