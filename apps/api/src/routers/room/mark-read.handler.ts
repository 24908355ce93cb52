import { markRoomRead } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { markReadInput } from './room.schema.ts';

/** The caller has seen the room up to an entry; the other side is told through the feed. */
export async function markReadHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'customer' | 'mechanic'>;
  input: z.output<typeof markReadInput>;
}): Promise<void> {
  await markRoomRead(ctx.db, {
    sessionId: input.sessionId,
    readerUserId: ctx.user.id,
    upToEntryId: Number(input.upToId),
  });
}
