import { roomPhotos, type Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import {
  findRoomParticipant,
  isUuid,
  photoRefOf,
  RoomClosedError,
  SessionNotFoundError,
  type PhotoRef,
} from '@autodoctor/session-core';
import {
  isRoomOpen,
  ROOM_LIMITS,
  ROOM_OPEN_STATUSES,
  type PhotoErrorCode,
} from '@autodoctor/session-core/rules';
import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../auth/session-cache.ts';
import type { PhotoStorage } from './photo-storage.ts';
import type { ProcessedPhoto } from './process-photo.ts';

/** Where an upload goes: a session's room, or the caller's next intake (no session yet). */
export type UploadTarget = { kind: 'room'; sessionId: string } | { kind: 'intake' };

/** The refusals a photo rule makes (the routes add the rest of `PHOTO_ERROR_CODES`). */
type PhotoRuleCode = Extract<
  PhotoErrorCode,
  'FORBIDDEN' | 'NOT_FOUND' | 'ROOM_CLOSED' | 'TOO_MANY_PHOTOS' | 'PHOTO_ALREADY_SENT'
>;

const STATUS_OF_CODE = {
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROOM_CLOSED: 409,
  PHOTO_ALREADY_SENT: 409,
  TOO_MANY_PHOTOS: 429,
} as const satisfies Record<PhotoRuleCode, number>;

/** A photo request refused by a rule; nothing was stored or changed. */
export class PhotoRuleError extends Error {
  override name = 'PhotoRuleError';
  readonly status: (typeof STATUS_OF_CODE)[PhotoRuleCode];
  constructor(
    readonly code: PhotoRuleCode,
    message: string,
  ) {
    super(message);
    this.status = STATUS_OF_CODE[code];
  }
}

const notFound = () => new PhotoRuleError('NOT_FOUND', 'No such photo');

type Queryable = Parameters<typeof findRoomParticipant>[0];

/**
 * Photos of the uploader's that could still be sent: in a room that is open,
 * or uploaded for an intake within ROOM_LIMITS.intakeDraftPhotoHours (a photo
 * sent, attached to an intake or removed no longer counts).
 */
async function countUnsentPhotos(db: Queryable, uploaderUserId: string): Promise<number> {
  const [row] = await db.execute<{ unsent: number }>(sql`
    SELECT count(*)::int AS unsent
    FROM room_photos p LEFT JOIN sessions s ON s.id = p.session_id
    WHERE p.uploader_user_id = ${uploaderUserId} AND p.entry_id IS NULL AND NOT p.from_intake
      AND CASE WHEN p.session_id IS NULL
               THEN p.created_at > now() - make_interval(hours => ${ROOM_LIMITS.intakeDraftPhotoHours})
               ELSE s.status::text IN (${sql.join(
                 ROOM_OPEN_STATUSES.map((status) => sql`${status}`),
                 sql`, `,
               )}) END`);
  return row!.unsent;
}

/**
 * Refuses an upload the uploader may not make: an intake photo from a
 * mechanic (403), a room they take no part in (404, never saying whether it
 * exists), a room not open (409 ROOM_CLOSED), ROOM_LIMITS.unsentPhotosMax
 * photos unsent already (429). With `inTransaction`, the session row is
 * share-locked (it cannot end before the photo is written) and the caller
 * holds the uploader's lock, so concurrent uploads are counted one at a time.
 */
async function assertMayUpload(
  db: Queryable,
  uploader: SessionUser,
  target: UploadTarget,
  options: { inTransaction: boolean },
): Promise<void> {
  if (target.kind === 'intake') {
    if (uploader.role !== 'customer') {
      throw new PhotoRuleError('FORBIDDEN', 'Only customers attach photos to an intake');
    }
  } else {
    // The room's own rule (session-core): its participants only, while it is open.
    const participant = await findRoomParticipant(db, target.sessionId, uploader.id, {
      lockSession: options.inTransaction,
    }).catch((error: unknown) => {
      throw error instanceof SessionNotFoundError
        ? new PhotoRuleError('NOT_FOUND', 'No such session')
        : error;
    });
    if (!isRoomOpen(participant.status)) {
      throw new PhotoRuleError(
        'ROOM_CLOSED',
        new RoomClosedError(participant.sessionId, participant.status).message,
      );
    }
  }
  if ((await countUnsentPhotos(db, uploader.id)) >= ROOM_LIMITS.unsentPhotosMax) {
    throw new PhotoRuleError(
      'TOO_MANY_PHOTOS',
      `At most ${ROOM_LIMITS.unsentPhotosMax} photos can wait to be sent: send or remove some first`,
    );
  }
}

/** The same checks as the upload makes, before its body is read: a refused upload costs no decoding. */
export function precheckUpload(db: Database, uploader: SessionUser, target: UploadTarget): Promise<void> {
  return assertMayUpload(db, uploader, target, { inTransaction: false });
}

/**
 * Stores a processed photo for its uploader: the bytes first (under fresh
 * keys), then its row, in a transaction that checks every rule again with the
 * uploader's lock held and the session share-locked, so that PostgreSQL decides
 * concurrent uploads and a session ending meanwhile. Refused or failed, the
 * bytes are removed again: nothing is left.
 *
 * @throws {PhotoRuleError} as `precheckUpload`
 */
export async function storePhoto(
  deps: { db: Database; storage: PhotoStorage },
  uploader: SessionUser,
  target: UploadTarget,
  photo: ProcessedPhoto,
): Promise<PhotoRef> {
  const id = randomUUID();
  const storageKey = `photos/${id}/full`;
  const thumbnailKey = `photos/${id}/thumbnail`;
  try {
    await deps.storage.put(storageKey, photo.bytes, photo.contentType);
    await deps.storage.put(thumbnailKey, photo.thumbnail.bytes, photo.thumbnail.contentType);
    await deps.db.transaction(async (tx) => {
      // One upload of this person's at a time is counted against the limit (other people's run on).
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${`room_photos:${uploader.id}`}, 0))`,
      );
      await assertMayUpload(tx, uploader, target, { inTransaction: true });
      await tx.insert(roomPhotos).values({
        id,
        uploaderUserId: uploader.id,
        sessionId: target.kind === 'room' ? target.sessionId : null,
        contentType: photo.contentType,
        width: photo.width,
        height: photo.height,
        byteSize: photo.bytes.length,
        storageKey,
        thumbnailKey,
      });
    });
  } catch (error) {
    // A crash right here would leave the two objects with no row naming them (never served).
    await Promise.allSettled([deps.storage.delete(storageKey), deps.storage.delete(thumbnailKey)]);
    throw error;
  }
  return photoRefOf({ id, width: photo.width, height: photo.height });
}

/** Which stored version of a photo to serve. */
export type PhotoVariant = 'full' | 'thumbnail';

/**
 * The storage key of a photo the reader may see, or NOT_FOUND: the uploader
 * always; the session's participants (its customer, the mechanic who accepted
 * it, also after the end) once it is shared — sent in a message or attached to
 * the intake. Anyone else, or a photo still waiting to be sent, is told nothing
 * exists.
 *
 * @throws {PhotoRuleError} NOT_FOUND
 */
export async function findVisiblePhotoKey(
  db: Database,
  readerUserId: string,
  photoId: string,
  variant: PhotoVariant,
): Promise<string> {
  if (!isUuid(photoId)) throw notFound();
  const [row] = await db.execute<{ storage_key: string; thumbnail_key: string }>(sql`
    SELECT p.storage_key, p.thumbnail_key FROM room_photos p
    WHERE p.id = ${photoId}
      AND (p.uploader_user_id = ${readerUserId}
        OR ((p.entry_id IS NOT NULL OR p.from_intake) AND EXISTS (
          SELECT 1 FROM session_participants sp
          WHERE sp.session_id = p.session_id AND sp.user_id = ${readerUserId})))`);
  if (!row) throw notFound();
  return variant === 'full' ? row.storage_key : row.thumbnail_key;
}

/**
 * The uploader removes a photo not sent yet (nor attached to an intake): its
 * row, then its bytes. Decided by PostgreSQL against a concurrent send: the
 * row lock lets either the send or the removal happen, never both.
 *
 * @throws {PhotoRuleError} NOT_FOUND (not the caller's, or no such photo), PHOTO_ALREADY_SENT
 */
export async function deleteUnsentPhoto(
  deps: { db: Database; storage: PhotoStorage },
  uploaderUserId: string,
  photoId: string,
): Promise<void> {
  if (!isUuid(photoId)) throw notFound();
  const deleted = await deps.db.execute<{ storage_key: string; thumbnail_key: string }>(sql`
    DELETE FROM room_photos
    WHERE id = ${photoId} AND uploader_user_id = ${uploaderUserId} AND entry_id IS NULL AND NOT from_intake
    RETURNING storage_key, thumbnail_key`);
  const row = deleted[0];
  if (!row) {
    const [mine] = await deps.db.execute(sql`
      SELECT 1 FROM room_photos WHERE id = ${photoId} AND uploader_user_id = ${uploaderUserId}`);
    if (mine)
      throw new PhotoRuleError(
        'PHOTO_ALREADY_SENT',
        'This photo is shared already (sent, or attached to a session): it stays',
      );
    throw notFound();
  }
  await deps.storage.delete(row.storage_key);
  await deps.storage.delete(row.thumbnail_key);
}
