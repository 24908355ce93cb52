import { photoRefOf, type PhotoRef, type RoomEntry } from '@autodoctor/session-core';
import type { SessionEventType } from '@autodoctor/session-core/rules';

type Role = 'customer' | 'mechanic';

/** A message as the room's participants see it. */
export interface RoomMessageView {
  kind: 'message';
  /** The entry id (the feed's tracked id): compare as numbers. */
  id: string;
  sessionId: string;
  clientMessageId: string;
  authorRole: Role;
  authorName: string;
  body: string;
  photos: PhotoRef[];
  at: Date;
}

/** What a room feed delivers, one per entry (tracked by id). */
export type RoomFeedEntry =
  | RoomMessageView
  | { kind: 'system'; id: string; sessionId: string; event: SessionEventType; at: Date }
  | { kind: 'read'; id: string; sessionId: string; authorRole: Role; readUpTo: string; at: Date };

export function toRoomFeedEntry(entry: RoomEntry): RoomFeedEntry {
  const common = { id: String(entry.id), sessionId: entry.sessionId, at: entry.createdAt };
  switch (entry.kind) {
    case 'message':
      return {
        ...common,
        kind: 'message',
        clientMessageId: entry.clientMessageId,
        authorRole: entry.authorRole,
        authorName: entry.authorName,
        body: entry.body,
        photos: entry.photos.map(photoRefOf),
      };
    case 'system':
      return { ...common, kind: 'system', event: entry.event };
    case 'read':
      return { ...common, kind: 'read', authorRole: entry.authorRole, readUpTo: String(entry.readUpTo) };
  }
}
