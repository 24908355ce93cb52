import { sessionEvents, sessionParticipants, type Database } from '@autodoctor/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { SessionNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Session } from '../types.ts';
import { moveSession } from './move-session.ts';
import type { SessionActionInput } from './start-session.ts';

/**
 * The consultation is over: `live` → `ended`, `ended_at` set, its participants
 * released (the mechanic may accept the next one), an `ended` event.
 *
 * @throws {SessionNotFoundError} no such session
 * @throws {NotAParticipantError} the actor does not take part in it
 * @throws {IllegalTransitionError} the session is not live (cancel a session that has not started)
 */
export async function endSession(db: Database, input: SessionActionInput): Promise<Session> {
  if (!isUuid(input.sessionId)) throw new SessionNotFoundError(input.sessionId);
  return db.transaction(async (tx) => {
    const { session, from } = await moveSession(tx, { ...input, to: 'ended', set: { endedAt: sql`now()` } });
    await tx
      .update(sessionParticipants)
      .set({ leftAt: sql`now()` })
      .where(and(eq(sessionParticipants.sessionId, session.id), isNull(sessionParticipants.leftAt)));
    await tx.insert(sessionEvents).values({
      sessionId: session.id,
      type: 'ended',
      actorUserId: input.actorUserId,
      payload: { from, to: session.status },
    });
    return session;
  });
}
