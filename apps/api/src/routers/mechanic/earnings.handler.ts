import { getEarningsSummary, type EarningsSummary } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { earningsInput } from './earnings.schema.ts';

/** The mechanic's balance, this month's and last month's earnings, and their ratings' average. */
export async function earningsHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof earningsInput>;
}): Promise<EarningsSummary> {
  return getEarningsSummary(ctx.db, ctx.user.id, input.timeZone);
}
