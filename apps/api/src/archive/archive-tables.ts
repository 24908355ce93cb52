import type postgres from 'postgres';

/**
 * A table whose rows hang off an archived session. `rows` is the SQL condition selecting them for
 * the sessions in the temporary table `archive_batch (id uuid)` — through the parent rows, which
 * are deleted after their children, so every condition still finds its rows when they go.
 */
export interface ArchivedTable {
  name: string;
  /** Its primary key: what the anti-join and the restore check compare. */
  key: readonly string[];
  rows: string;
}

const inBatch = 'session_id IN (SELECT id FROM archive_batch)';
const batchEvents = `SELECT id FROM session_events WHERE ${inBatch}`;
const batchQuotes = `SELECT id FROM quotes WHERE ${inBatch}`;

/** Parents first: the restore's order (the deletion goes the other way, children first). */
export const ARCHIVED_TABLES: readonly ArchivedTable[] = [
  { name: 'sessions', key: ['id'], rows: 'id IN (SELECT id FROM archive_batch)' },
  { name: 'session_participants', key: ['session_id', 'user_id'], rows: inBatch },
  { name: 'session_assignments', key: ['id'], rows: inBatch },
  { name: 'session_events', key: ['id'], rows: inBatch },
  { name: 'webhook_deliveries', key: ['id'], rows: `event_id IN (${batchEvents})` },
  {
    name: 'webhook_attempts',
    key: ['id'],
    rows: `delivery_id IN (SELECT id FROM webhook_deliveries WHERE event_id IN (${batchEvents}))`,
  },
  { name: 'room_entries', key: ['id'], rows: inBatch },
  { name: 'room_photos', key: ['id'], rows: inBatch },
  { name: 'session_summaries', key: ['session_id'], rows: inBatch },
  { name: 'session_ratings', key: ['session_id'], rows: inBatch },
  { name: 'quotes', key: ['id'], rows: inBatch },
  { name: 'quote_lines', key: ['id'], rows: `quote_id IN (${batchQuotes})` },
  { name: 'quote_decisions', key: ['quote_id'], rows: `quote_id IN (${batchQuotes})` },
  { name: 'quote_line_decisions', key: ['quote_id', 'line_id'], rows: `quote_id IN (${batchQuotes})` },
];

/**
 * Tables that name sessions (or their quotes) and stay: the books. Their session and quote ids have
 * no foreign key (migration 0016), so they keep an archived session's id, found again in the archive.
 */
export const KEPT_TABLES = {
  credit_ledger: 'the credit ledger, append-only: every balance is the sum of its lines',
  mechanic_earnings: "the mechanics' earnings, append-only: every balance is the sum of its lines",
  stripe_refunds: 'card refunds: a money record (an unsettled one keeps its session out of the archive)',
} as const;

/**
 * Refuses to run when a table references an archived table by a foreign key and is neither archived
 * nor kept: a table added later must be placed in one list or the other before anything is deleted.
 */
export async function unknownReferencingTables(sql: postgres.Sql): Promise<string[]> {
  const archived = ARCHIVED_TABLES.map((table) => table.name);
  const rows = await sql<{ name: string }[]>`
    SELECT DISTINCT c.conrelid::regclass::text AS name
    FROM pg_constraint c
    WHERE c.contype = 'f' AND c.confrelid::regclass::text = ANY(${archived})`;
  const known = new Set<string>([...archived, ...Object.keys(KEPT_TABLES)]);
  return rows.map((row) => row.name).filter((name) => !known.has(name));
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
