import type { Database } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';
import { parseAnalyticsInput, type AnalyticsInput, type ParsedAnalyticsInput } from './input.ts';

/** A column of a panel: its row key, its heading, and the unit of its numbers (none: a label). */
export interface PanelColumn {
  key: string;
  label: string;
  unit?: 'count' | 'seconds' | 'percent' | 'cents' | 'stars';
}

/**
 * What every panel returns: the one shape the console's chart, its accessible table and its CSV
 * export all read, so the CSV holds exactly the table's numbers.
 */
export interface PanelResult {
  columns: PanelColumn[];
  rows: Record<string, number | string>[];
}

/** A panel's function: validates its input (`AnalyticsInputError`), then one query in PostgreSQL. */
export type PanelFunction = (db: Database, input: AnalyticsInput) => Promise<PanelResult>;

/**
 * Builds a panel from its columns and its query. The query returns one row per output row with
 * a column per key; counts come back as int, money as bigint (postgres.js gives text: turned into
 * numbers here, refusing any beyond 2^53) and measures as float8.
 */
export function definePanel(
  columns: PanelColumn[],
  query: (input: ParsedAnalyticsInput) => SQL,
): PanelFunction {
  return async (db, rawInput) => {
    const input = parseAnalyticsInput(rawInput);
    const result = await db.execute<Record<string, unknown>>(query(input));
    const rows = [...result].map((row) =>
      Object.fromEntries(columns.map((column) => [column.key, cell(row[column.key], column)])),
    );
    return { columns, rows };
  };
}

function cell(value: unknown, column: PanelColumn): number | string {
  if (!column.unit) return String(value ?? '');
  if (value === null || value === undefined) return 0;
  const number = Number(value);
  const unsafeInteger = typeof value === 'string' && /^-?\d+$/.test(value) && !Number.isSafeInteger(number);
  if (!Number.isFinite(number) || unsafeInteger)
    throw new Error(`Analytics column ${column.key}: ${String(value)} is not a safe number`);
  return number;
}

/** `ts` as a local timestamp of the operator's time zone. */
export const local = (input: ParsedAnalyticsInput, ts: SQL) => sql`(${ts} AT TIME ZONE ${input.timeZone})`;

/** The range's bounds as timestamptz parameters. */
export const rangeFrom = (input: ParsedAnalyticsInput) => sql`${input.from.toISOString()}::timestamptz`;
export const rangeTo = (input: ParsedAnalyticsInput) => sql`${input.to.toISOString()}::timestamptz`;

/** `ts` in [from, to). */
export const inRange = (input: ParsedAnalyticsInput, ts: SQL) =>
  sql`${ts} >= ${rangeFrom(input)} AND ${ts} < ${rangeTo(input)}`;

/** `ts` truncated to its bucket, in the operator's time zone (a local timestamp). */
export const bucketOf = (input: ParsedAnalyticsInput, ts: SQL) =>
  sql`date_trunc(${input.bucket}, ${local(input, ts)})`;

/**
 * Every bucket of the range as `bucket` (a local timestamp), so a chart has no holes: joined
 * with the counts, an empty bucket shows zeros. `bucket_end` is the bucket's end as a timestamptz,
 * capped at the range's end.
 */
export const bucketSeries = (input: ParsedAnalyticsInput) => sql`
  SELECT bucket,
         least((bucket + ('1 ' || ${input.bucket})::interval) AT TIME ZONE ${input.timeZone}, ${rangeTo(input)}) AS bucket_end
  FROM generate_series(
    date_trunc(${input.bucket}, ${local(input, rangeFrom(input))}),
    ${local(input, rangeTo(input))} - interval '1 microsecond',
    ('1 ' || ${input.bucket})::interval) AS bucket`;

/** A bucket's label: `2026-03-29` for a day, `2026-03-29T14:00` for an hour (local time). */
export const bucketLabel = (input: ParsedAnalyticsInput, bucket: SQL) =>
  input.bucket === 'day' ? sql`to_char(${bucket}, 'YYYY-MM-DD')` : sql`to_char(${bucket}, 'YYYY-MM-DD"T"HH24:MI')`;

/** The bucket column every time-series panel starts with. */
export const BUCKET_COLUMN: PanelColumn = { key: 'bucket', label: 'Bucket (local time)' };
