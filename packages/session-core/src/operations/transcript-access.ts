import { type Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { SessionNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { readRoomEntries, type RoomEntry } from '../room/room-entries.ts';
import type { SessionEventType } from '../rules/events.ts';
import { operatorReasonOf } from './operator-actions.ts';
import { searchSessions, type SessionSearchHit } from './search-sessions.ts';

/** The most room entries one opening returns (a session's whole conversation, in practice). */
export const TRANSCRIPT_ENTRY_LIMIT = 2000;
/** The most access-log lines one read returns (newest first). */
export const TRANSCRIPT_ACCESS_LIMIT = 200;

/** A session as an operator opens it: what the search lists, the concern, and every event. */
export interface OperatorSessionView extends SessionSearchHit {
  concern: string;
  events: {
    id: string;
    type: SessionEventType;
    at: Date;
    actorName: string | null;
    actorRole: string | null;
    /** Why, when an operator moved the session (a cancel or a requeue): kept on the event. */
    reason: string | null;
  }[];
}

/** One session for the operations console (no room entries: those are `openTranscript`'s, logged). */
export async function getOperatorSessionView(db: Database, sessionId: string): Promise<OperatorSessionView> {
  if (!isUuid(sessionId)) throw new SessionNotFoundError(sessionId);
  const [hit] = await searchSessions(db, { query: sessionId });
  if (!hit) throw new SessionNotFoundError(sessionId);
  const [details] = await db.execute<{ concern: string }>(
    sql`SELECT concern FROM sessions WHERE id = ${sessionId}::uuid`,
  );
  const events = await db.execute<{
    id: string;
    type: SessionEventType;
    created_at: string;
    actor_name: string | null;
    actor_role: string | null;
    reason: string | null;
  }>(sql`
    SELECT e.id, e.type, e.created_at, u.name AS actor_name, u.role::text AS actor_role,
           CASE WHEN (e.payload->>'byOperator')::boolean THEN e.payload->>'reason' END AS reason
    FROM session_events AS e LEFT JOIN users AS u ON u.id = e.actor_user_id
    WHERE e.session_id = ${sessionId}::uuid ORDER BY e.id LIMIT 500`);
  return {
    ...hit,
    concern: details?.concern ?? '',
    events: [...events].map((event) => ({
      id: String(event.id),
      type: event.type,
      at: new Date(event.created_at),
      actorName: event.actor_name,
      actorRole: event.actor_role,
      reason: event.reason,
    })),
  };
}

export interface OpenTranscriptInput {
  sessionId: string;
  operatorUserId: string;
  /** Why (a ticket, a complaint): TRANSCRIPT_REASON.min to .max characters. */
  reason: string;
}

/**
 * An operator reads a session room's transcript: the opening is written to the access log (who,
 * which session, when, why) in the same transaction as the read, so no read goes unlogged.
 *
 * @throws {InvalidSessionInputError} a reason too short or too long
 * @throws {SessionNotFoundError} no such session (nothing logged)
 */
export async function openTranscript(db: Database, input: OpenTranscriptInput): Promise<RoomEntry[]> {
  const reason = operatorReasonOf(input.reason);
  if (!isUuid(input.sessionId)) throw new SessionNotFoundError(input.sessionId);
  return db.transaction(async (tx) => {
    const logged = await tx.execute(sql`
      INSERT INTO transcript_access_log (operator_user_id, session_id, reason)
      SELECT ${input.operatorUserId}, id, ${reason} FROM sessions WHERE id = ${input.sessionId}::uuid
      RETURNING id`);
    if (logged.length === 0) throw new SessionNotFoundError(input.sessionId);
    return readRoomEntries(tx, { sessionId: input.sessionId, limit: TRANSCRIPT_ENTRY_LIMIT });
  });
}

/** One opening of a transcript, as the access log shows it. */
export interface TranscriptAccess {
  id: number;
  sessionId: string;
  operatorName: string;
  operatorEmail: string;
  reason: string;
  openedAt: Date;
}

/** The access log, newest first (operators read it in the console). */
export async function listTranscriptAccess(db: Database): Promise<TranscriptAccess[]> {
  const rows = await db.execute<{
    id: string;
    session_id: string;
    operator_name: string;
    operator_email: string;
    reason: string;
    opened_at: string;
  }>(sql`
    SELECT l.id, l.session_id, u.name AS operator_name, u.email AS operator_email, l.reason, l.opened_at
    FROM transcript_access_log AS l JOIN users AS u ON u.id = l.operator_user_id
    ORDER BY l.opened_at DESC, l.id DESC LIMIT ${TRANSCRIPT_ACCESS_LIMIT}`);
  return [...rows].map((row) => ({
    id: Number(row.id),
    sessionId: row.session_id,
    operatorName: row.operator_name,
    operatorEmail: row.operator_email,
    reason: row.reason,
    openedAt: new Date(row.opened_at),
  }));
}
