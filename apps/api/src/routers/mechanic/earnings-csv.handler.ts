import { earningsCsv } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** Every line of the mechanic's earnings as CSV (its `amount_cents` sum to the balance), and a file name. */
export async function earningsCsvHandler({
  ctx,
}: {
  ctx: AuthedContext<'mechanic'>;
}): Promise<{ filename: string; csv: string }> {
  const { csv } = await earningsCsv(ctx.db, ctx.user.id);
  return { filename: `autodoctor-earnings-${new Date().toISOString().slice(0, 10)}.csv`, csv };
}
