import { sql } from '@autodoctor/db/orm';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import { PUSH_SUBSCRIPTION_LIMITS, type subscribePushInput } from './subscribe-push.schema.ts';

/** Whether the endpoint is at one of the push services of the settings (`PUSH_SERVICE_HOSTS`). */
export function isAllowedPushService(endpoint: string, hosts: readonly string[]): boolean {
  const { hostname } = new URL(endpoint);
  return hosts.some((host) => hostname === host || hostname.endsWith(`.${host}`));
}

/**
 * This browser's subscription, for the calling mechanic. An endpoint is one browser profile's
 * subscription at one origin, and only that browser's script learns it: whoever sends it is using
 * that browser now, so the row is bound to the caller (a shared device follows who signed in last)
 * with the keys sent. Beyond `perMechanic` devices, the oldest are let go. Push off: PRECONDITION_FAILED.
 */
export async function subscribePushHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext<'mechanic'>;
  input: z.output<typeof subscribePushInput>;
}): Promise<{ subscribed: true }> {
  if (!ctx.push)
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'Push notifications are off on this server',
    });
  if (!isAllowedPushService(input.endpoint, ctx.config.PUSH_SERVICE_HOSTS)) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'endpoint: not a push service this server sends to',
    });
  }
  const userAgent = ctx.userAgent?.replace(/\p{Cc}/gu, '').slice(0, 512) || null;
  await ctx.db.execute(sql`
    WITH upserted AS (
      INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, user_agent)
      VALUES (${ctx.user.id}, ${input.endpoint}, ${input.keys.p256dh}, ${input.keys.auth}, ${userAgent})
      ON CONFLICT (endpoint) DO UPDATE SET
        user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth,
        user_agent = excluded.user_agent, created_at = now(), last_pushed_at = NULL
      RETURNING id
    )
    DELETE FROM push_subscriptions WHERE id IN (
      SELECT id FROM push_subscriptions
      WHERE user_id = ${ctx.user.id} AND id NOT IN (SELECT id FROM upserted)
      ORDER BY created_at DESC, id
      OFFSET ${PUSH_SUBSCRIPTION_LIMITS.perMechanic - 1})`);
  return { subscribed: true };
}
