import type { Database } from '@autodoctor/db';
import { readRoomEntries, type RoomEntry } from '@autodoctor/session-core';
import type postgres from 'postgres';
import type { Logger } from '../logger.ts';
import { FeedHub, type EventHubOptions } from './event-hub.ts';

/** The NOTIFY channel written by the trigger on room_entries (migration 0007). */
export const ROOM_ENTRIES_CHANNEL = 'room_entries';

/** One per API instance: every committed room entry, in feed order, for this instance's room feeds. */
export class RoomHub extends FeedHub<RoomEntry> {
  constructor(db: Database, sql: postgres.Sql, log: Logger, options: EventHubOptions<RoomEntry> = {}) {
    super(
      db,
      sql,
      log,
      {
        channel: ROOM_ENTRIES_CHANNEL,
        read: (after, limit) => readRoomEntries(db, { after, limit }),
        keyOf: (entry) => entry.sessionId,
      },
      options,
    );
  }
}
