import { openTranscript, type RoomEntry } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { openTranscriptInput } from './open-transcript.schema.ts';

/**
 * The room's transcript for an operator: a mutation, because each opening is written to the access
 * log (who, which session, when, why) with the read, and a query could be refetched unseen.
 */
export function openTranscriptHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof openTranscriptInput>;
}): Promise<RoomEntry[]> {
  return openTranscript(ctx.db, { ...input, operatorUserId: ctx.user.id });
}
