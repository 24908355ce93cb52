import type { Database, Transaction } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { SessionNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { SessionStatus } from '../rules/statuses.ts';

/** Someone taking part in a session's room. */
export interface RoomParticipant {
  sessionId: string;
  userId: string;
  role: 'customer' | 'mechanic';
  /** The session's status now. */
  status: SessionStatus;
}

/**
 * The caller as a participant of the session's room: its customer, or the
 * mechanic who accepted it, also after the end (the room is then read-only).
 * With `lockSession`, the session row is share-locked until the transaction
 * ends, so it cannot end while a message is being written.
 *
 * @throws {SessionNotFoundError} no such session, or the user takes no part in it (never say which)
 */
export async function findRoomParticipant(
  db: Database | Transaction,
  sessionId: string,
  userId: string,
  options: { lockSession?: boolean } = {},
): Promise<RoomParticipant> {
  if (!isUuid(sessionId)) throw new SessionNotFoundError(sessionId);
  const [row] = await db.execute<{ role: 'customer' | 'mechanic'; status: SessionStatus }>(sql`
    SELECT p.role, s.status
    FROM sessions s
    JOIN session_participants p ON p.session_id = s.id AND p.user_id = ${userId}
    WHERE s.id = ${sessionId}
    ${options.lockSession ? sql`FOR SHARE OF s` : sql``}`);
  if (!row) throw new SessionNotFoundError(sessionId);
  return { sessionId, userId, role: row.role, status: row.status };
}
