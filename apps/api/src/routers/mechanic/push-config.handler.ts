import { getNotificationPreferences, type PushKind } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';

/** Whether this API sends Web Push, the key to subscribe with, and which kinds the mechanic wants. */
export type PushConfig =
  { enabled: false } | { enabled: true; publicKey: string; preferences: Record<PushKind, boolean> };

/** Push off (no VAPID keys), or the public key and the mechanic's push preferences. */
export async function pushConfigHandler({ ctx }: { ctx: AuthedContext<'mechanic'> }): Promise<PushConfig> {
  if (!ctx.push) return { enabled: false };
  const { push: preferences } = await getNotificationPreferences(ctx.db, ctx.user.id);
  return { enabled: true, publicKey: ctx.push.publicKey, preferences };
}
