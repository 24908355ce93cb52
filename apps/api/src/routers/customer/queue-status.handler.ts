import { getQueueStatus, type QueueStatus } from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { queueStatusInput } from './queue-status.schema.ts';

/** Where the customer's session stands in the queue, and how much longer it will probably wait. */
export async function queueStatusHandler(options: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof queueStatusInput>;
}): Promise<QueueStatus> {
  const { ctx, input } = options;
  return getQueueStatus(ctx.db, input.sessionId, { userId: ctx.user.id, role: 'customer' });
}
