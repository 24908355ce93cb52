import {
  cancelSession,
  endSession,
  findActiveSession,
  getCreditBalance,
  getParticipantSession,
  listCustomerSessions,
  toSessionView,
  type SessionView,
} from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';
import type { historyInput } from './customer.schema.ts';

type Ctx = AuthedContext<'customer'>;
type SessionIdInput = z.output<typeof sessionIdInput>;
const asCustomer = (ctx: Ctx) => ({ userId: ctx.user.id, role: 'customer' as const });

export async function activeSessionHandler({ ctx }: { ctx: Ctx }): Promise<SessionView | null> {
  const session = await findActiveSession(ctx.db, asCustomer(ctx));
  return session ? toSessionView(session) : null;
}

export async function getSessionHandler({ ctx, input }: { ctx: Ctx; input: SessionIdInput }) {
  return toSessionView(await getParticipantSession(ctx.db, input.sessionId, asCustomer(ctx)));
}

export async function historyHandler({ ctx, input }: { ctx: Ctx; input: z.output<typeof historyInput> }) {
  const page = await listCustomerSessions(ctx.db, ctx.user.id, input);
  return { items: page.items.map(toSessionView), nextCursor: page.nextCursor };
}

export async function creditBalanceHandler({ ctx }: { ctx: Ctx }) {
  return { credits: await getCreditBalance(ctx.db, ctx.user.id) };
}

export async function endSessionHandler({ ctx, input }: { ctx: Ctx; input: SessionIdInput }) {
  // Customers may only act on their own sessions (a mechanic is also a participant).
  const { mechanicName, intakePhotos } = await getParticipantSession(
    ctx.db,
    input.sessionId,
    asCustomer(ctx),
  );
  // Only a live session ends, so its mechanic had accepted before the read above.
  const ended = await endSession(ctx.db, { sessionId: input.sessionId, actorUserId: ctx.user.id });
  return toSessionView({ ...ended, mechanicName, intakePhotos });
}

export async function cancelSessionHandler({ ctx, input }: { ctx: Ctx; input: SessionIdInput }) {
  // The intake's photos never change after the session is made.
  const { intakePhotos } = await getParticipantSession(ctx.db, input.sessionId, asCustomer(ctx));
  const cancelled = await cancelSession(ctx.db, { sessionId: input.sessionId, actorUserId: ctx.user.id });
  // A paid session cancelled before a mechanic took it is owed a refund (written by a trigger).
  if (cancelled.session.type === 'paid' && !cancelled.wasAccepted) ctx.refunds.kick();
  const mechanicName = cancelled.wasAccepted ? await mechanicNameOf(ctx, input.sessionId) : null;
  return {
    session: toSessionView({ ...cancelled.session, mechanicName, intakePhotos }),
    creditsRefunded: cancelled.creditsRefunded,
  };
}

/** The accepting mechanic's name, for a view made from a transition's result. */
async function mechanicNameOf(ctx: Ctx, sessionId: string): Promise<string | null> {
  return (await getParticipantSession(ctx.db, sessionId, asCustomer(ctx))).mechanicName;
}
