import { listEarningLines, type EarningLinePage } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { earningLinesInput } from './earning-lines.schema.ts';

/** The mechanic's earnings lines (fees, bonuses, payouts), newest first, a page at a time. */
export async function earningLinesHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof earningLinesInput>;
}): Promise<EarningLinePage> {
  return listEarningLines(ctx.db, ctx.user.id, input);
}
