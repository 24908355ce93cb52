import { listTranscriptAccess, type TranscriptAccess } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** Who opened which transcript, when and why: newest first. */
export function transcriptAccessHandler({
  ctx,
}: {
  ctx: AuthedContext<'operator'>;
}): Promise<TranscriptAccess[]> {
  return listTranscriptAccess(ctx.db);
}
