import { recordPayout, type RecordedPayout } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { recordPayoutInput } from './record-payout.schema.ts';

/**
 * An operator records a payout: one negative line of the mechanic's earnings ledger, naming the
 * operator (`recorded_by`), shown on the mechanic's earnings page. MECHANIC_NOT_FOUND for anyone else.
 */
export function recordPayoutHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'operator'>;
  input: z.output<typeof recordPayoutInput>;
}): Promise<RecordedPayout> {
  return recordPayout(ctx.db, { ...input, recordedBy: `operator:${ctx.user.id}` });
}
