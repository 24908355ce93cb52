import type { Database } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';
import {
  parseAnalyticsInput,
  type AnalyticsBucket,
  type AnalyticsInput,
  type ParsedAnalyticsInput,
} from './input.ts';

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
export type PanelFunction = ((db: Database, input: AnalyticsInput) => Promise<PanelResult>) & {
  /** The panel's query for an input (validated first), e.g. to EXPLAIN it. */
  query: (input: AnalyticsInput) => SQL;
};

/**
 * Builds a panel from its columns and its query. The query returns one row per output row with
 * a column per key; counts come back as int, money as bigint (postgres.js gives text: turned into
 * numbers here, refusing any beyond 2^53) and measures as float8.
 */
export function definePanel(
  columns: PanelColumn[],
  query: (input: ParsedAnalyticsInput) => SQL,
): PanelFunction {
  const run = async (db: Database, rawInput: AnalyticsInput): Promise<PanelResult> => {
    const input = parseAnalyticsInput(rawInput);
    const result = await db.execute<Record<string, unknown>>(query(input));
    const rows = [...result].map((row) =>
      Object.fromEntries(columns.map((column) => [column.key, cell(row[column.key], column)])),
    );
    return { columns, rows };
  };
  return Object.assign(run, { query: (rawInput: AnalyticsInput) => query(parseAnalyticsInput(rawInput)) });
}

/** A cell as the query gave it: labels are text, numbers come as number or (bigint, numeric) text. */
function cell(value: unknown, column: PanelColumn): number | string {
  if (value !== null && typeof value !== 'string' && typeof value !== 'number')
    throw new Error(`Analytics column ${column.key}: not a number or a text`);
  if (!column.unit) return value ?? '';
  if (value === null) return 0;
  const number = Number(value);
  const unsafeInteger = typeof value === 'string' && /^-?\d+$/.test(value) && !Number.isSafeInteger(number);
  if (!Number.isFinite(number) || unsafeInteger)
    throw new Error(`Analytics column ${column.key}: ${value} is not a safe number`);
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

/**
 * The range's buckets as CTEs, so a chart has no holes (an empty bucket shows zeros): `buckets`
 * (`i` from 1, `bucket` its start as a local timestamp, `bucket_end` its end as a timestamptz
 * capped at the range's end) and `bounds` (every bucket's start as a timestamptz, in order).
 * Rows find their bucket with `bucketIndex`: a binary search in `bounds`, instead of converting
 * every row to the operator's time zone (which cost about 1.5 µs a row, most of a panel's time).
 */
export const bucketCtes = (input: ParsedAnalyticsInput, size: AnalyticsBucket = input.bucket) => sql`
  buckets AS (
    SELECT i, bucket,
           least((bucket + ('1 ' || ${size})::interval) AT TIME ZONE ${input.timeZone}, ${rangeTo(input)}) AS bucket_end
    FROM generate_series(
      date_trunc(${size}, ${local(input, rangeFrom(input))}),
      ${local(input, rangeTo(input))} - interval '1 microsecond',
      ('1 ' || ${size})::interval) WITH ORDINALITY AS series(bucket, i)
  ), bounds AS (
    SELECT array_agg(bucket AT TIME ZONE ${input.timeZone} ORDER BY i) AS starts FROM buckets)`;

/** The `buckets.i` that `ts` (a timestamptz within the range) falls in. */
export const bucketIndex = (ts: SQL) => sql`width_bucket(${ts}, (SELECT starts FROM bounds))`;

/** A bucket's label: `2026-03-29` for a day, `2026-03-29T14:00` for an hour (local time). */
export const bucketLabel = (input: ParsedAnalyticsInput, bucket: SQL) =>
  input.bucket === 'day'
    ? sql`to_char(${bucket}, 'YYYY-MM-DD')`
    : sql`to_char(${bucket}, 'YYYY-MM-DD"T"HH24:MI')`;

/** The bucket column every time-series panel starts with. */
export const BUCKET_COLUMN: PanelColumn = { key: 'bucket', label: 'Bucket (local time)' };
