import type { MechanicsOnlineCount } from '../../realtime/mechanics-online.ts';
import type { SessionUser, TRPCContext } from '../../trpc/context.ts';

/**
 * How many mechanics are online: the count now, then each change as it happens
 * (a mechanic switching on or off anywhere, or a heartbeat gone stale). Not
 * tracked: a reconnecting client simply gets the count now first.
 */
export async function* mechanicsOnlineHandler(options: {
  ctx: TRPCContext & { user: SessionUser };
  signal: AbortSignal | undefined;
}): AsyncGenerator<MechanicsOnlineCount> {
  yield* options.ctx.mechanicsOnline.stream(options.signal);
}
