import type { MutationPathOf } from '@autodoctor/api-client/mutation-paths';
import { PROCEDURE_LIMITS, type ProcedureLimit } from './rate-limit/procedure-limits.ts';
import { accountRouter } from './routers/account/account.router.ts';
import { customerRouter } from './routers/customer/customer.router.ts';
import { intakeRouter } from './routers/intake/intake.router.ts';
import { mechanicRouter } from './routers/mechanic/mechanic.router.ts';
import { opsRouter } from './routers/ops/ops.router.ts';
import { roomRouter } from './routers/room/room.router.ts';
import { sessionRouter } from './routers/session/session.router.ts';
import { createTRPCRouter } from './trpc/init.ts';

/** The whole API. The SPAs import its type only: `import type { AppRouter } from '@autodoctor/api/router'`. */
export const appRouter = createTRPCRouter({
  intake: intakeRouter,
  customer: customerRouter,
  mechanic: mechanicRouter,
  session: sessionRouter,
  room: roomRouter,
  account: accountRouter,
  ops: opsRouter,
});

export type AppRouter = typeof appRouter;

// Every mutation has its rate limits: a new one without them does not compile.
PROCEDURE_LIMITS satisfies Record<MutationPathOf<AppRouter>, readonly ProcedureLimit[]>;
export type { QueueFeedEvent } from './realtime/queue-feed.ts';
export type { QuoteFeedEvent } from './realtime/quote-feed.ts';
export type { QuoteView, QuoteLineView } from '@autodoctor/session-core';
export type { SessionFeedEvent } from './realtime/session-feed.ts';
export type { RoomFeedEntry, RoomMessageView } from './routers/room/room-entry-view.ts';
export type { PhotoRef } from '@autodoctor/session-core';
export type { TypingSignal } from './realtime/typing-signals.ts';
