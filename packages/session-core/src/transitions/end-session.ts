import type { Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { SessionNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Session } from '../types.ts';
import { moveSession, releaseParticipants } from './move-session.ts';
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
    const { session } = await moveSession(tx, {
      ...input,
      to: 'ended',
      set: { endedAt: sql`now()` },
      event: 'ended',
    });
    await releaseParticipants(tx, session.id);
    return session;
  });
}
