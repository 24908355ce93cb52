import type { Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { findRoomParticipant } from './room-participant.ts';

export interface MarkRoomReadInput {
  sessionId: string;
  readerUserId: string;
  /** The last entry the reader has seen. */
  upToEntryId: number;
}

/**
 * The reader has seen the room up to an entry: writes a read mark (announced
 * to the other side like any entry) when that moves the reader's mark forward,
 * and nothing otherwise. Returns whether a mark was written.
 *
 * @throws {SessionNotFoundError} no such session, or the reader takes no part in it
 */
export async function markRoomRead(db: Database, input: MarkRoomReadInput): Promise<boolean> {
  const reader = await findRoomParticipant(db, input.sessionId, input.readerUserId);
  // Only an entry of this room, and only forward; the reader's own marks need no mark.
  const written = await db.execute<{ id: string }>(sql`
    INSERT INTO room_entries (session_id, kind, author_user_id, author_role, read_up_to)
    SELECT ${reader.sessionId}, 'read', ${reader.userId}, ${reader.role}, ${input.upToEntryId}
    WHERE EXISTS (
        SELECT 1 FROM room_entries
        WHERE id = ${input.upToEntryId} AND session_id = ${reader.sessionId} AND kind <> 'read'
      )
      AND NOT EXISTS (
        SELECT 1 FROM room_entries
        WHERE session_id = ${reader.sessionId} AND kind = 'read'
          AND author_user_id = ${reader.userId} AND read_up_to >= ${input.upToEntryId}
      )
    RETURNING id`);
  return written.length > 0;
}
