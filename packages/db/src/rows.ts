import { getTableColumns, type Table } from 'drizzle-orm';

/**
 * Turns a row fetched with hand-written SQL (keys are column names, values as
 * the driver returns them) into the table's Drizzle row type, decoding each
 * value the way Drizzle would (timestamps to Date, jsonb to objects).
 */
export function fromRow<T extends Table>(table: T, row: Record<string, unknown>): T['$inferSelect'] {
  const result: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = row[column.name];
    result[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return result;
}
