import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Every timestamp of the schema: `timestamp with time zone`. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A 64-bit transaction id (`xid8`). The feed tables (session_events, room_entries)
 * record the writing transaction's id so feeds can read them in an order that
 * never changes after the fact (see `txId` in sessions.ts).
 */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/** Raw bytes (photo blobs). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
