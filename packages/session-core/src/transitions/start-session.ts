import type { Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { SessionNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { enqueueSessionMail } from '../notifications/session-mail.ts';
import type { Session } from '../types.ts';
import { moveSession } from './move-session.ts';

/** Input of startSession, endSession and cancelSession. */
export interface SessionActionInput {
  sessionId: string;
  /** The participant doing it; recorded as the event's actor. */
  actorUserId: string;
}

/**
 * The consultation begins: `waiting` → `live`, `started_at` set, a `started` event, and the
 * customer's `session_live` email.
 *
 * @throws {SessionNotFoundError} no such session
 * @throws {NotAParticipantError} the actor does not take part in it
 * @throws {IllegalTransitionError} the session is not waiting
 */
export async function startSession(db: Database, input: SessionActionInput): Promise<Session> {
  if (!isUuid(input.sessionId)) throw new SessionNotFoundError(input.sessionId);
  return db.transaction(async (tx) => {
    const { session } = await moveSession(tx, {
      ...input,
      to: 'live',
      set: { startedAt: sql`now()` },
      event: 'started',
    });
    await enqueueSessionMail(tx, 'session_live', session.id);
    return session;
  });
}
