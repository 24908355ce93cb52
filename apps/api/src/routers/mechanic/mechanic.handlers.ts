import {
  acceptAssignment,
  endSession,
  findActiveSession,
  getParticipantSession,
  lastSettledEventId,
  listQueue,
  startSession,
  toMechanicSessionView,
  toSessionView,
  type MechanicSessionView,
} from '@autodoctor/session-core';
import type { z } from 'zod';
import type { AuthedContext } from '../../trpc/context.ts';
import type { sessionIdInput } from '../common.schema.ts';
import type { acceptInput, endSessionInput } from './mechanic.schema.ts';

type Ctx = AuthedContext<'mechanic'>;
type SessionIdInput = z.output<typeof sessionIdInput>;
const asMechanic = (ctx: Ctx) => ({ userId: ctx.user.id, role: 'mechanic' as const });

/** The queue now, oldest first, and the event id to follow `queueFeed` from without a gap. */
export async function queueHandler({ ctx }: { ctx: Ctx }) {
  // Read the position first: events after it may already show in the list (harmless repeats), none is missed.
  const lastEventId = await lastSettledEventId(ctx.db);
  const entries = await listQueue(ctx.db);
  return { entries, lastEventId: lastEventId === null ? null : String(lastEventId) };
}

export async function acceptHandler({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.output<typeof acceptInput>;
}): Promise<MechanicSessionView> {
  const { session } = await acceptAssignment(ctx.db, {
    assignmentId: input.assignmentId,
    mechanicUserId: ctx.user.id,
  });
  // The session as the accept left it; the customer's name from a read (the caller takes part now).
  const { customerName, intakePhotos } = await getParticipantSession(ctx.db, session.id, asMechanic(ctx));
  // The accepting mechanic is the caller.
  return toMechanicSessionView({ ...session, mechanicName: ctx.user.name, customerName, intakePhotos });
}

export async function activeSessionHandler({ ctx }: { ctx: Ctx }): Promise<MechanicSessionView | null> {
  const session = await findActiveSession(ctx.db, asMechanic(ctx));
  return session ? toMechanicSessionView(session) : null;
}

export async function getSessionHandler({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: SessionIdInput;
}): Promise<MechanicSessionView> {
  return toMechanicSessionView(await getParticipantSession(ctx.db, input.sessionId, asMechanic(ctx)));
}

export async function startSessionHandler({ ctx, input }: { ctx: Ctx; input: SessionIdInput }) {
  const { mechanicName, intakePhotos } = await getParticipantSession(
    ctx.db,
    input.sessionId,
    asMechanic(ctx),
  );
  const started = await startSession(ctx.db, { sessionId: input.sessionId, actorUserId: ctx.user.id });
  return toSessionView({ ...started, mechanicName, intakePhotos });
}

export async function endSessionHandler({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.output<typeof endSessionInput>;
}) {
  await getParticipantSession(ctx.db, input.sessionId, asMechanic(ctx));
  await endSession(ctx.db, { sessionId: input.sessionId, actorUserId: ctx.user.id, summary: input.summary });
  // Read back with the mechanic's name and the summary just written.
  return toMechanicSessionView(await getParticipantSession(ctx.db, input.sessionId, asMechanic(ctx)));
}
