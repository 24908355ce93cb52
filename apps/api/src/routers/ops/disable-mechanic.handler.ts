import { disableMechanic, type DisabledMechanic } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { mechanicAccessInput } from './mechanic-access.schema.ts';

/**
 * Disables a mechanic (session-core `disableMechanic`): signed out everywhere, no sign-in or
 * accept, their accepted or live session back in the queue. The answer waits until this instance
 * has heard the revocation, which every instance is told at the same commit (their open feeds
 * close then: http/feed-streams.ts).
 */
export async function disableMechanicHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof mechanicAccessInput>;
}): Promise<DisabledMechanic> {
  const heard = ctx.authByApp.revocations.heard('user', input.mechanicUserId);
  const disabled = await disableMechanic(ctx.db, { ...input, operatorUserId: ctx.user.id });
  if (disabled.changed) await heard;
  return disabled;
}
