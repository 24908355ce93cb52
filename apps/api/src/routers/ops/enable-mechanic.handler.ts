import { enableMechanic } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { mechanicAccessInput } from './mechanic-access.schema.ts';

/** Enables a disabled mechanic again (session-core `enableMechanic`): they may sign in anew. */
export function enableMechanicHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof mechanicAccessInput>;
}): Promise<{ changed: boolean }> {
  return enableMechanic(ctx.db, { ...input, operatorUserId: ctx.user.id });
}
