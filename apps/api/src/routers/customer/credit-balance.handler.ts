import { getCreditBalance } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

export async function creditBalanceHandler({ ctx }: { ctx: AuthedContext<'customer'> }) {
  return { credits: await getCreditBalance(ctx.db, ctx.user.id) };
}
