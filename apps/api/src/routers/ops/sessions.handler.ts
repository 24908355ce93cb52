import { searchSessions, type SessionSearchHit } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionsInput } from './sessions.schema.ts';

/** Sessions found by id, customer email or VIN, status and date: newest first, 50 at most. */
export function sessionsHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof sessionsInput>;
}): Promise<SessionSearchHit[]> {
  return searchSessions(ctx.db, input);
}
