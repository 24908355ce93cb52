import { roomEntries, type Database, type Transaction } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';
import type { FeedPosition } from '../feed/feed-position.ts';
import type { SessionEventType } from '../rules/events.ts';
import { firstNameOf } from '../rules/names.ts';
import type { StoredPhoto } from '../queries/photo-ref.ts';

/** A photo sent with a message (the API serves its bytes: `photoRefOf`). */
export type RoomPhoto = StoredPhoto;

interface RoomEntryBase {
  id: number;
  position: FeedPosition;
  sessionId: string;
  createdAt: Date;
}

/** A participant's message: text and/or photos. */
export interface RoomMessage extends RoomEntryBase {
  kind: 'message';
  authorRole: 'customer' | 'mechanic';
  /** The mechanic's name, or the customer's first name (as each sees the other elsewhere). */
  authorName: string;
  clientMessageId: string;
  body: string;
  photos: RoomPhoto[];
}

/** A line for one of the session's moves (accepted, live, ended, and a cancel or expiry after the accept). */
export interface RoomSystemLine extends RoomEntryBase {
  kind: 'system';
  event: SessionEventType;
}

/** A participant has seen the room up to entry `readUpTo`. */
export interface RoomReadMark extends RoomEntryBase {
  kind: 'read';
  authorRole: 'customer' | 'mechanic';
  readUpTo: number;
}

/** One entry of a session room, in feed order. */
export type RoomEntry = RoomMessage | RoomSystemLine | RoomReadMark;

interface RoomEntryRow extends Record<string, unknown> {
  id: string;
  tx_id: string;
  session_id: string;
  kind: RoomEntry['kind'];
  author_role: 'customer' | 'mechanic' | null;
  author_name: string | null;
  client_message_id: string | null;
  body: string | null;
  system_event: SessionEventType | null;
  read_up_to: string | null;
  created_at: string | Date;
  photos: RoomPhoto[];
}

// As in read-session-events.ts: entries up to the oldest running transaction are final.
const SETTLED = sql`e.tx_id < pg_snapshot_xmin(pg_current_snapshot())`;

/** The entries matching `where`, with their authors' names and photos, in feed order. */
async function selectRoomEntries(
  db: Database | Transaction,
  where: SQL,
  limit: number,
): Promise<RoomEntry[]> {
  const rows = await db.execute<RoomEntryRow>(sql`
    SELECT e.id::text, e.tx_id::text, e.session_id, e.kind, e.author_role, u.name AS author_name,
      e.client_message_id, e.body, e.system_event, e.read_up_to::text, e.created_at,
      COALESCE(
        (SELECT json_agg(json_build_object('id', p.id, 'width', p.width, 'height', p.height) ORDER BY p.created_at, p.id)
           FROM room_photos p WHERE p.entry_id = e.id),
        '[]'::json
      ) AS photos
    FROM ${roomEntries} e
    LEFT JOIN users u ON u.id = e.author_user_id
    WHERE ${where}
    ORDER BY e.tx_id, e.id
    LIMIT ${limit}`);
  return rows.map(toRoomEntry);
}

function toRoomEntry(row: RoomEntryRow): RoomEntry {
  const base: RoomEntryBase = {
    id: Number(row.id),
    position: { txId: row.tx_id, id: Number(row.id) },
    sessionId: row.session_id,
    createdAt: new Date(row.created_at),
  };
  switch (row.kind) {
    case 'message':
      return {
        ...base,
        kind: 'message',
        authorRole: row.author_role!,
        authorName:
          row.author_role === 'customer' ? firstNameOf(row.author_name ?? '') : (row.author_name ?? ''),
        clientMessageId: row.client_message_id!,
        body: row.body!,
        photos: row.photos,
      };
    case 'system':
      return { ...base, kind: 'system', event: row.system_event! };
    case 'read':
      return { ...base, kind: 'read', authorRole: row.author_role!, readUpTo: Number(row.read_up_to) };
  }
}

export interface ReadRoomEntriesOptions {
  /** Only entries after this position (the whole room when absent). */
  after?: FeedPosition | undefined;
  /** Only this session's room (every room when absent: what an API instance's room hub reads). */
  sessionId?: string | undefined;
  /** At most this many (default 500). */
  limit?: number;
}

/**
 * Settled room entries in feed order: what a room feed delivers, and what a
 * reconnecting participant missed since its last entry. Callers check who may
 * read the room (`findRoomParticipant`).
 */
export async function readRoomEntries(
  db: Database | Transaction,
  options: ReadRoomEntriesOptions = {},
): Promise<RoomEntry[]> {
  const conditions: SQL[] = [SETTLED];
  if (options.after) {
    conditions.push(sql`(e.tx_id, e.id) > (${options.after.txId}::xid8, ${options.after.id}::bigint)`);
  }
  if (options.sessionId) conditions.push(sql`e.session_id = ${options.sessionId}`);
  return selectRoomEntries(db, sql.join(conditions, sql` AND `), options.limit ?? 500);
}

/** One entry by id, settled or not (a send's own reply). */
export async function getRoomEntry(db: Database, entryId: number): Promise<RoomEntry | undefined> {
  const [entry] = await selectRoomEntries(db, sql`e.id = ${entryId}`, 1);
  return entry;
}

/** The position of a room's entry `entryId`, or undefined when that room has no such entry. */
export async function positionOfRoomEntry(
  db: Database,
  sessionId: string,
  entryId: number,
): Promise<FeedPosition | undefined> {
  const [row] = await db.execute<{ tx_id: string; id: string }>(
    sql`SELECT tx_id::text, id::text FROM ${roomEntries} WHERE id = ${entryId} AND session_id = ${sessionId}`,
  );
  return row ? { txId: row.tx_id, id: Number(row.id) } : undefined;
}
