import { positionOfEvent } from '@autodoctor/session-core';
import { tracked } from '@trpc/server';
import type { z } from 'zod';
import { followFeed } from '../../realtime/follow-feed.ts';
import { toQuoteFeedEvent } from '../../realtime/quote-feed.ts';
import type { AuthedContext } from '../../trpc/context.ts';
import type { quoteFeedInput } from './quote-feed.schema.ts';

/**
 * The quote events of the customer's own sessions, for the dashboard: the session event feed,
 * filtered to sessions whose customer is the caller. Each is `tracked()` by its session_events id;
 * with a lastEventId it first replays what came after it.
 */
export async function* quoteFeedHandler(options: {
  ctx: AuthedContext<'customer'>;
  input: z.output<typeof quoteFeedInput>;
  signal: AbortSignal | undefined;
}) {
  const { ctx, input, signal } = options;
  const lastEventId = input?.lastEventId;
  const after = lastEventId ? await positionOfEvent(ctx.db, Number(lastEventId)) : undefined;
  for await (const event of followFeed({ db: ctx.db, hub: ctx.hub, after, signal })) {
    if (event.session.customerUserId !== ctx.user.id) continue;
    const quoteEvent = toQuoteFeedEvent(event);
    if (quoteEvent) yield tracked(String(event.id), quoteEvent);
  }
}
