import { mechanicEarnings, postgresErrorOf, quotes, sessions, type Database } from '@autodoctor/db';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { InvalidSessionInputError } from '../errors.ts';
import { cursorKey, pageOf, type Page, type PageOptions } from '../pagination.ts';
import type { EarningKind } from '../rules/earnings.ts';
import { isTimeZone } from '../rules/time-zone.ts';

/** A mechanic's earnings at a glance (the Earnings page's head). */
export interface EarningsSummary {
  currency: 'usd';
  /** The sum of every line: what is owed to the mechanic now. */
  balanceCents: number;
  /** What was earned (fees and bonuses, not payouts) this calendar month and the last, in the caller's time zone. */
  thisMonthCents: number;
  lastMonthCents: number;
  /** The mean of the mechanic's ratings (two decimals), null with none. */
  ratingAverage: number | null;
  ratingCount: number;
}

/** One line of a mechanic's earnings as the Earnings page and the CSV show it. */
export interface EarningLineView {
  id: number;
  kind: EarningKind;
  amountCents: number;
  currency: string;
  createdAt: Date;
  sessionId: string | null;
  quoteId: string | null;
  quoteVersion: number | null;
  basisCents: number | null;
  rateBps: number | null;
  reference: string | null;
  /** The session's vehicle ("2015 Honda Civic"), or "Payout REF". */
  label: string;
}

export type EarningLinePage = Page<EarningLineView>;

/**
 * A mechanic's balance, this month's and last month's earnings (calendar months in `timeZone`,
 * an IANA name: the caller's), and their ratings' average and count, in one SQL statement.
 *
 * @throws {InvalidSessionInputError} `timeZone` is not a time zone
 */
export async function getEarningsSummary(
  db: Database,
  mechanicUserId: string,
  timeZone: string,
): Promise<EarningsSummary> {
  if (!isTimeZone(timeZone)) {
    throw new InvalidSessionInputError([{ path: 'timeZone', message: 'Not an IANA time zone' }]);
  }
  const rows = await db
    .execute<{
      balance: number;
      this_month: number;
      last_month: number;
      rating_average: number | null;
      rating_count: number;
    }>(
      sql`
    WITH bounds AS (
      SELECT date_trunc('month', now() AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone} AS this_month,
             (date_trunc('month', now() AT TIME ZONE ${timeZone}) - interval '1 month')
               AT TIME ZONE ${timeZone} AS last_month
    ), lines AS (
      SELECT
        coalesce(sum(e.amount_cents), 0)::int AS balance,
        coalesce(sum(e.amount_cents) FILTER (
          WHERE e.kind <> 'payout' AND e.created_at >= b.this_month), 0)::int AS this_month,
        coalesce(sum(e.amount_cents) FILTER (
          WHERE e.kind <> 'payout' AND e.created_at >= b.last_month AND e.created_at < b.this_month), 0)::int
          AS last_month
      FROM bounds b LEFT JOIN mechanic_earnings e ON e.mechanic_user_id = ${mechanicUserId}
    ), ratings AS (
      SELECT round(avg(stars), 2)::float8 AS rating_average, count(*)::int AS rating_count
      FROM session_ratings WHERE mechanic_user_id = ${mechanicUserId}
    )
    SELECT * FROM lines, ratings`,
    )
    .catch((error: unknown) => {
      // A name Intl knows but this PostgreSQL does not (its time zone data is older).
      if (postgresErrorOf(error)?.code === INVALID_PARAMETER_VALUE) {
        throw new InvalidSessionInputError([
          { path: 'timeZone', message: 'Not a time zone this server knows' },
        ]);
      }
      throw error;
    });
  const row = rows[0];
  return {
    currency: 'usd',
    balanceCents: row!.balance,
    thisMonthCents: row!.this_month,
    lastMonthCents: row!.last_month,
    ratingAverage: row!.rating_average,
    ratingCount: row!.rating_count,
  };
}

// SQLSTATE 22023: what PostgreSQL answers to an unknown time zone.
const INVALID_PARAMETER_VALUE = '22023';

// A bonus line's session is its quote's; the session read for the label is either.
const quoteSessions = alias(sessions, 'quote_sessions');

const lineColumns = {
  id: mechanicEarnings.id,
  kind: mechanicEarnings.kind,
  amountCents: mechanicEarnings.amountCents,
  currency: mechanicEarnings.currency,
  createdAt: mechanicEarnings.createdAt,
  sessionId: sql<string | null>`coalesce(${mechanicEarnings.sessionId}, ${quotes.sessionId})`,
  quoteId: mechanicEarnings.quoteId,
  quoteVersion: quotes.version,
  basisCents: mechanicEarnings.basisCents,
  rateBps: mechanicEarnings.rateBps,
  reference: mechanicEarnings.reference,
  vehicleYear: sql<number | null>`coalesce(${sessions.vehicleYear}, ${quoteSessions.vehicleYear})`,
  vehicleMake: sql<string | null>`coalesce(${sessions.vehicleMake}, ${quoteSessions.vehicleMake})`,
  vehicleModel: sql<string | null>`coalesce(${sessions.vehicleModel}, ${quoteSessions.vehicleModel})`,
};

function linesOf(db: Database, mechanicUserId: string, beforeId: number | undefined) {
  return db
    .select(lineColumns)
    .from(mechanicEarnings)
    .leftJoin(quotes, eq(quotes.id, mechanicEarnings.quoteId))
    .leftJoin(sessions, eq(sessions.id, mechanicEarnings.sessionId))
    .leftJoin(quoteSessions, eq(quoteSessions.id, quotes.sessionId))
    .where(
      and(
        eq(mechanicEarnings.mechanicUserId, mechanicUserId),
        beforeId === undefined ? undefined : lt(mechanicEarnings.id, beforeId),
      ),
    )
    .orderBy(desc(mechanicEarnings.id));
}

function toLineView(row: Awaited<ReturnType<typeof linesOf>>[number]): EarningLineView {
  const { vehicleYear, vehicleMake, vehicleModel, ...line } = row;
  const label =
    line.kind === 'payout'
      ? `Payout ${line.reference ?? ''}`.trim()
      : vehicleYear === null
        ? 'Session'
        : `${vehicleYear} ${vehicleMake} ${vehicleModel}`;
  return { ...line, label };
}

// The cursor is the last line's id: ledger ids only grow, so newest first is id descending.
const lineKey = ([id]: unknown[]) =>
  typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;

/**
 * A mechanic's earnings lines, newest first, `limit` at a time (keyset pagination).
 *
 * @throws {InvalidSessionInputError} a cursor this list did not return
 */
export async function listEarningLines(
  db: Database,
  mechanicUserId: string,
  options: PageOptions,
): Promise<EarningLinePage> {
  const before = cursorKey(options, lineKey);
  const rows = await linesOf(db, mechanicUserId, before).limit(options.limit + 1);
  return pageOf(rows.map(toLineView), options.limit, (last) => [last.id]);
}

/** The CSV's columns, in order. */
export const EARNINGS_CSV_HEADER =
  'date,kind,description,session_id,quote_id,basis_cents,rate_bps,amount_cents,amount_usd';

// RFC 4180 quoting; a leading = + - @ is defused so a spreadsheet never runs a label as a formula.
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function dollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Every line of a mechanic's earnings as CSV, oldest first (dates in UTC, ISO 8601): the
 * `amount_cents` column sums to the balance of `getEarningsSummary`, read in the same snapshot.
 */
export async function earningsCsv(
  db: Database,
  mechanicUserId: string,
): Promise<{ csv: string; balanceCents: number; lineCount: number }> {
  const rows = (await linesOf(db, mechanicUserId, undefined)).map(toLineView).reverse();
  const lines = rows.map((line) =>
    [
      line.createdAt.toISOString(),
      line.kind,
      line.label,
      line.sessionId,
      line.quoteId,
      line.basisCents,
      line.rateBps,
      line.amountCents,
      dollars(line.amountCents),
    ]
      .map(csvField)
      .join(','),
  );
  const balanceCents = rows.reduce((sum, line) => sum + line.amountCents, 0);
  return { csv: [EARNINGS_CSV_HEADER, ...lines].join('\r\n') + '\r\n', balanceCents, lineCount: rows.length };
}
