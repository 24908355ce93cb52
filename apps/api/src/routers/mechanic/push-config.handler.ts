import type { AuthedContext } from '../../trpc/context.ts';

/** Whether this API sends Web Push, and the key browsers subscribe with. */
export type PushConfig = { enabled: false } | { enabled: true; publicKey: string };

/**
 * Push off (no VAPID keys), or the public key. Which kinds the mechanic wants are their notification
 * preferences (`account.notificationPreferences`, channel push).
 */
export function pushConfigHandler({ ctx }: { ctx: AuthedContext<'mechanic'> }): PushConfig {
  return ctx.push ? { enabled: true, publicKey: ctx.push.publicKey } : { enabled: false };
}
