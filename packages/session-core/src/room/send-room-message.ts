import type { Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import {
  InvalidSessionInputError,
  MessageIdTakenError,
  PhotoNotAvailableError,
  RoomClosedError,
} from '../errors.ts';
import { isRoomOpen, roomMessageSchema, type RoomMessageInput } from '../rules/room.ts';
import { getRoomEntry, type RoomMessage } from './room-entries.ts';
import { findRoomParticipant } from './room-participant.ts';

export interface SendRoomMessageInput extends RoomMessageInput {
  sessionId: string;
  senderUserId: string;
}

/**
 * Stores a message in the session's room, with the photos the sender uploaded
 * to it; the room's feed announces it once committed. Idempotent: sending
 * again with the same `clientMessageId` (a retry after a lost reply) returns
 * the message already stored and writes nothing.
 *
 * @throws {InvalidSessionInputError} empty, too long, or more photos than allowed
 * @throws {SessionNotFoundError} no such session, or the sender takes no part in it
 * @throws {RoomClosedError} the session is not accepted yet, or over
 * @throws {PhotoNotAvailableError} a photo is not the sender's upload to this room, or was sent already
 * @throws {MessageIdTakenError} the id names another message of this sender
 */
export async function sendRoomMessage(db: Database, input: SendRoomMessageInput): Promise<RoomMessage> {
  const parsed = roomMessageSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidSessionInputError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  const { clientMessageId, body, photoIds } = parsed.data;
  const entryId = await db.transaction(async (tx) => {
    // Share-locked: the session cannot end between this check and the commit.
    const sender = await findRoomParticipant(tx, input.sessionId, input.senderUserId, { lockSession: true });
    const [inserted] = await tx.execute<{ id: string }>(sql`
      INSERT INTO room_entries (session_id, kind, author_user_id, author_role, client_message_id, body)
      SELECT ${sender.sessionId}, 'message', ${sender.userId}, ${sender.role}, ${clientMessageId}, ${body}
      WHERE ${isRoomOpen(sender.status)}
      ON CONFLICT (author_user_id, client_message_id) DO NOTHING
      RETURNING id::text`);
    if (!inserted) {
      const [existing] = await tx.execute<{ id: string; session_id: string }>(sql`
        SELECT id::text, session_id FROM room_entries
        WHERE author_user_id = ${sender.userId} AND client_message_id = ${clientMessageId}`);
      if (existing?.session_id === sender.sessionId) return Number(existing.id);
      if (existing) throw new MessageIdTakenError(clientMessageId);
      throw new RoomClosedError(sender.sessionId, sender.status);
    }
    const id = Number(inserted.id);
    if (photoIds.length > 0) {
      const attached = await tx.execute<{ id: string }>(sql`
        UPDATE room_photos SET entry_id = ${id}
        WHERE id IN (${sql.join(
          photoIds.map((photoId) => sql`${photoId}::uuid`),
          sql`, `,
        )})
          AND uploader_user_id = ${sender.userId}
          AND session_id = ${sender.sessionId}
          AND entry_id IS NULL
          AND NOT from_intake
        RETURNING id`);
      if (attached.length !== new Set(photoIds).size) {
        const found = new Set(attached.map((row) => row.id));
        throw new PhotoNotAvailableError(photoIds.filter((photoId) => !found.has(photoId)));
      }
    }
    return id;
  });
  return (await getRoomEntry(db, entryId)) as RoomMessage;
}
