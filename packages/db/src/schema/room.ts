import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { roomEntryKind, sessionEventType, userRole } from './enums.ts';
import { sessions } from './sessions.ts';
import { users } from './users.ts';
import { bytea, timestamptz, xid8 } from './column-types.ts';

/**
 * The session room's conversation, append-only: messages, the system lines of
 * the session's moves (written by a trigger on session_events) and read marks.
 * Read in (tx_id, id) order like session_events, so a room feed resumes from
 * an entry id and misses nothing across reconnects and API instances.
 */
export const roomEntries = pgTable(
  'room_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    kind: roomEntryKind('kind').notNull(),
    /** Who wrote the message or read mark; null for system lines. */
    authorUserId: text('author_user_id').references(() => users.id),
    authorRole: userRole('author_role'),
    /** The sender's own id for a message: a retried send finds it instead of writing it twice. */
    clientMessageId: uuid('client_message_id'),
    /** A message's text ('' when it only carries photos). */
    body: text('body'),
    /** A system line's session event. */
    systemEvent: sessionEventType('system_event'),
    /** A read mark: the author has seen every entry up to this id. */
    readUpTo: bigint('read_up_to', { mode: 'number' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    txId: xid8('tx_id')
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index('idx_room_entries_session').on(t.sessionId, t.id),
    index('idx_room_entries_position').on(t.txId, t.id),
    uniqueIndex('uq_room_entries_client_message').on(t.authorUserId, t.clientMessageId),
    check('ck_room_entries_body_length', sql`char_length(${t.body}) <= 4000`),
    check(
      'ck_room_entries_kind',
      sql`(${t.kind} = 'message' AND ${t.authorUserId} IS NOT NULL AND ${t.authorRole} IS NOT NULL AND ${t.body} IS NOT NULL AND ${t.clientMessageId} IS NOT NULL)
        OR (${t.kind} = 'system' AND ${t.systemEvent} IS NOT NULL AND ${t.authorUserId} IS NULL)
        OR (${t.kind} = 'read' AND ${t.authorUserId} IS NOT NULL AND ${t.authorRole} IS NOT NULL AND ${t.readUpTo} IS NOT NULL)`,
    ),
  ],
);

/**
 * A photo a participant shared: uploaded before the session exists (intake,
 * `session_id` null until the session is created) or in its room (`entry_id`
 * null until the message carrying it is sent). The bytes live in the photo
 * storage under `storage_key` and `thumbnail_key`.
 */
export const roomPhotos = pgTable(
  'room_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    uploaderUserId: text('uploader_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'cascade' }),
    entryId: bigint('entry_id', { mode: 'number' }).references(() => roomEntries.id, { onDelete: 'cascade' }),
    /** Shared with the intake (shown with the concern) rather than in a message. */
    fromIntake: boolean('from_intake').notNull().default(false),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    byteSize: integer('byte_size').notNull(),
    storageKey: text('storage_key').notNull(),
    thumbnailKey: text('thumbnail_key').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('idx_room_photos_session').on(t.sessionId),
    index('idx_room_photos_entry').on(t.entryId),
    index('idx_room_photos_uploader_unattached')
      .on(t.uploaderUserId)
      .where(sql`${sql.identifier('entry_id')} IS NULL AND NOT ${sql.identifier('from_intake')}`),
  ],
);

/** The bytes of stored photos when the storage is PostgreSQL (the default). */
export const photoBlobs = pgTable('photo_blobs', {
  key: text('key').primaryKey(),
  contentType: text('content_type').notNull(),
  data: bytea('data').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/** What the mechanic wrote when ending the session: shown to the customer. */
export const sessionSummaries = pgTable(
  'session_summaries',
  {
    sessionId: uuid('session_id')
      .primaryKey()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    mechanicUserId: text('mechanic_user_id')
      .notNull()
      .references(() => users.id),
    found: text('found').notNull(),
    nextSteps: text('next_steps').notNull(),
    workshopVisitNeeded: boolean('workshop_visit_needed').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'ck_session_summaries_length',
      sql`char_length(${t.found}) BETWEEN 1 AND 2000 AND char_length(${t.nextSteps}) BETWEEN 1 AND 2000`,
    ),
  ],
);
