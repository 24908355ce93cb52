import type { SessionEventType } from '@autodoctor/session-core/rules';

/**
 * What the room feed (`room.feed`) and `room.send` carry, as this package reads
 * them. Written here structurally (a package never imports the API); the apps
 * pass the API's values in and TypeScript checks that they fit.
 */

export type RoomRole = 'customer' | 'mechanic';

/** A stored photo: the full size at `url`, a small version at `thumbnailUrl`. */
export interface PhotoRef {
  id: string;
  width: number;
  height: number;
  url: string;
  thumbnailUrl: string;
}

export interface RoomMessageEntry {
  kind: 'message';
  id: string;
  sessionId: string;
  /** Chosen by the sender's app; a retried send carries the same one. */
  clientMessageId: string;
  authorRole: RoomRole;
  authorName: string;
  body: string;
  photos: PhotoRef[];
  at: Date;
}

/** A move of the session, written by the database when it happens. */
export interface RoomSystemEntry {
  kind: 'system';
  id: string;
  sessionId: string;
  event: SessionEventType;
  at: Date;
}

/** Its author has seen every entry up to `readUpTo`. */
export interface RoomReadEntry {
  kind: 'read';
  id: string;
  sessionId: string;
  authorRole: RoomRole;
  readUpTo: string;
  at: Date;
}

/** An entry of the room, in the feed's order (ids are decimal strings of a bigint). */
export type RoomFeedEntry = RoomMessageEntry | RoomSystemEntry | RoomReadEntry;

/** Someone is typing: not stored, not replayed. */
export interface RoomTypingSignal {
  kind: 'typing';
  sessionId: string;
  role: RoomRole;
}

/**
 * Orders two entry ids numerically. They are decimal strings of a bigint with
 * no leading zeros, so the longer is the larger and equal lengths compare as
 * text ("9" < "10", which a plain string comparison gets wrong).
 */
export function compareEntryIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The larger of two ids, either of which may be missing. */
export function maxEntryId(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareEntryIds(a, b) >= 0 ? a : b;
}
