import { sessionEvents, type Database } from '@autodoctor/db';
import { asc, eq } from 'drizzle-orm';
import type { SessionEventType } from '../rules/events.ts';
import { getParticipantSession, type Reader } from './participant-sessions.ts';

/** One step of a session's history: which event, and when (no actor, no payload). */
export interface TimelineEvent {
  /** The session_events id (as the feeds' `tracked()` ids). */
  id: string;
  type: SessionEventType;
  at: Date;
}

/**
 * A session's events, oldest first, for one of its participants. Every move
 * of a session locks its row first, so one session's events commit in id order.
 *
 * @throws {SessionNotFoundError} no such session
 * @throws {NotAParticipantError} the session is somebody else's
 */
export async function getSessionTimeline(
  db: Database,
  sessionId: string,
  reader: Reader,
): Promise<{ events: TimelineEvent[] }> {
  await getParticipantSession(db, sessionId, reader);
  const rows = await db
    .select({ id: sessionEvents.id, type: sessionEvents.type, at: sessionEvents.createdAt })
    .from(sessionEvents)
    .where(eq(sessionEvents.sessionId, sessionId))
    .orderBy(asc(sessionEvents.id));
  return { events: rows.map((row) => ({ id: String(row.id), type: row.type, at: row.at })) };
}
