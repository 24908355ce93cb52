import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** A stored photo's id and its size in pixels (after re-encoding). */
export interface StoredPhoto {
  id: string;
  width: number;
  height: number;
}

/**
 * A photo as the apps get it: its size (to lay it out before it loads) and where
 * the API serves it (`GET /api/photos/:id`, only to those allowed to see it).
 */
export interface PhotoRef extends StoredPhoto {
  url: string;
  thumbnailUrl: string;
}

export function photoRefOf(photo: StoredPhoto): PhotoRef {
  return {
    id: photo.id,
    width: photo.width,
    height: photo.height,
    url: `/api/photos/${photo.id}`,
    thumbnailUrl: `/api/photos/${photo.id}/thumbnail`,
  };
}

/**
 * A column for a session read: the photos attached to the session's intake, oldest first, as
 * `StoredPhoto[]` (one subquery on `idx_room_photos_session`).
 */
export function intakePhotosColumn(sessionId: AnyPgColumn): SQL<StoredPhoto[]> {
  return sql<StoredPhoto[]>`coalesce((
    SELECT json_agg(json_build_object('id', p.id, 'width', p.width, 'height', p.height) ORDER BY p.created_at, p.id)
    FROM room_photos p WHERE p.session_id = ${sessionId} AND p.from_intake
  ), '[]'::json)`;
}
