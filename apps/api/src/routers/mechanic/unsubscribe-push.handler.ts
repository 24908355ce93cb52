import { sql } from '@autodoctor/db/orm';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { unsubscribePushInput } from './unsubscribe-push.schema.ts';

/** This browser stops getting pushes: its subscription goes, if it is the caller's (else nothing changes). */
export async function unsubscribePushHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof unsubscribePushInput>;
}): Promise<{ unsubscribed: boolean }> {
  const removed = await ctx.db.execute(
    sql`DELETE FROM push_subscriptions WHERE endpoint = ${input.endpoint} AND user_id = ${ctx.user.id} RETURNING id`,
  );
  return { unsubscribed: removed.length > 0 };
}
