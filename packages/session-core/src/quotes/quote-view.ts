import {
  quoteDecisions,
  quoteLineDecisions,
  quoteLines,
  quotes,
  sessionParticipants,
  sessions,
  users,
  type Database,
  type Transaction,
} from '@autodoctor/db';
import { and, asc, desc, eq, gt, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { NotAParticipantError, SessionNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Reader } from '../queries/participant-sessions.ts';
import type { QuoteLineKind, QuoteStatus } from '../rules/quotes.ts';

/** A line of a quote version as both sides see it. */
export interface QuoteLineView {
  id: string;
  position: number;
  kind: QuoteLineKind;
  description: string;
  quantityMilli: number;
  unitPriceCents: number;
  amountCents: number;
  taxCents: number;
  totalCents: number;
  /** The customer's decision on this line; null until the version is decided. */
  approved: boolean | null;
}

/** One version of a repair quote, with its lines and the customer's decision. */
export interface QuoteView {
  id: string;
  seriesId: string;
  version: number;
  sessionId: string;
  /** `expired` also for a version still `sent` in the table whose valid-until has passed. */
  status: QuoteStatus;
  currency: string;
  taxRateBps: number;
  workshopName: string;
  workshopAddress: string;
  note: string;
  validUntil: Date;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  createdAt: Date;
  sentAt: Date | null;
  /** When it left `sent` (for a version expired but not yet marked so: its valid-until). */
  closedAt: Date | null;
  mechanicName: string;
  vehicle: { year: number; make: string; model: string };
  lines: QuoteLineView[];
  decision: { signatureName: string; decidedAt: Date; approvedTotalCents: number } | null;
}

/** The most versions one read returns (a session's, or a customer's open ones). */
export const QUOTE_READ_LIMIT = 100;

const isPastValidUntil = sql`${quotes.status} = 'sent' AND ${quotes.validUntil} <= now()`;

/** The status every reader sees: a sent version past its valid-until is expired, whether or not the job has run. */
export const effectiveQuoteStatus = sql<QuoteStatus>`CASE WHEN ${isPastValidUntil} THEN 'expired' ELSE ${quotes.status}::text END`;

/** Versions that a customer could still approve now. */
export const isOpenQuote = and(eq(quotes.status, 'sent'), gt(quotes.validUntil, sql`now()`))!;

/** The versions matching `where`, newest first, with their lines and decisions. */
export async function readQuoteViews(
  db: Database | Transaction,
  where: SQL,
  limit = QUOTE_READ_LIMIT,
): Promise<QuoteView[]> {
  const rows = await db
    .select({
      id: quotes.id,
      seriesId: quotes.seriesId,
      version: quotes.version,
      sessionId: quotes.sessionId,
      status: effectiveQuoteStatus,
      currency: quotes.currency,
      taxRateBps: quotes.taxRateBps,
      workshopName: quotes.workshopName,
      workshopAddress: quotes.workshopAddress,
      note: quotes.note,
      validUntil: quotes.validUntil,
      subtotalCents: quotes.subtotalCents,
      taxCents: quotes.taxCents,
      totalCents: quotes.totalCents,
      createdAt: quotes.createdAt,
      sentAt: quotes.sentAt,
      closedAt:
        sql<Date | null>`COALESCE(${quotes.closedAt}, CASE WHEN ${isPastValidUntil} THEN ${quotes.validUntil} END)`.mapWith(
          quotes.closedAt,
        ),
      mechanicName: users.name,
      vehicle: { year: sessions.vehicleYear, make: sessions.vehicleMake, model: sessions.vehicleModel },
      decision: {
        signatureName: quoteDecisions.signatureName,
        decidedAt: quoteDecisions.decidedAt,
        approvedTotalCents: quoteDecisions.approvedTotalCents,
      },
    })
    .from(quotes)
    .innerJoin(sessions, eq(sessions.id, quotes.sessionId))
    .innerJoin(users, eq(users.id, quotes.mechanicUserId))
    .leftJoin(quoteDecisions, eq(quoteDecisions.quoteId, quotes.id))
    .where(where)
    .orderBy(desc(quotes.createdAt), desc(quotes.version), desc(quotes.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const lines = await db
    .select({
      quoteId: quoteLines.quoteId,
      id: quoteLines.id,
      position: quoteLines.position,
      kind: quoteLines.kind,
      description: quoteLines.description,
      quantityMilli: quoteLines.quantityMilli,
      unitPriceCents: quoteLines.unitPriceCents,
      amountCents: quoteLines.amountCents,
      taxCents: quoteLines.taxCents,
      totalCents: quoteLines.totalCents,
      approved: quoteLineDecisions.approved,
    })
    .from(quoteLines)
    .leftJoin(
      quoteLineDecisions,
      and(eq(quoteLineDecisions.quoteId, quoteLines.quoteId), eq(quoteLineDecisions.lineId, quoteLines.id)),
    )
    .where(
      inArray(
        quoteLines.quoteId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(quoteLines.quoteId), asc(quoteLines.position));
  const linesOf = new Map<string, QuoteLineView[]>();
  for (const { quoteId, ...line } of lines) {
    const list = linesOf.get(quoteId) ?? [];
    list.push(line);
    linesOf.set(quoteId, list);
  }
  return rows.map((row) => ({
    ...row,
    // A left join: every column null when there is no decision.
    decision: row.decision?.decidedAt ? row.decision : null,
    lines: linesOf.get(row.id) ?? [],
  }));
}

/** One version by id (no access check: the caller has just written it or checked who asks). */
export async function readQuoteView(db: Database | Transaction, quoteId: string): Promise<QuoteView> {
  const [view] = await readQuoteViews(db, eq(quotes.id, quoteId), 1);
  if (!view) throw new Error(`quote ${quoteId} vanished`);
  return view;
}

/**
 * Every version of every quote of a session, newest first: all of them for the session's
 * mechanic, all but drafts for its customer.
 *
 * @throws {SessionNotFoundError} no such session
 * @throws {NotAParticipantError} the reader is not its customer nor its accepted mechanic
 */
export async function listSessionQuotes(
  db: Database,
  sessionId: string,
  reader: Reader,
): Promise<QuoteView[]> {
  if (!isUuid(sessionId)) throw new SessionNotFoundError(sessionId);
  const [session] = await db
    .select({ id: sessions.id, participant: sessionParticipants.userId })
    .from(sessions)
    .leftJoin(
      sessionParticipants,
      and(
        eq(sessionParticipants.sessionId, sessions.id),
        eq(sessionParticipants.userId, reader.userId),
        eq(sessionParticipants.role, reader.role),
      ),
    )
    .where(eq(sessions.id, sessionId));
  if (!session) throw new SessionNotFoundError(sessionId);
  if (!session.participant) throw new NotAParticipantError(sessionId, reader.userId);
  const own =
    reader.role === 'mechanic'
      ? eq(quotes.mechanicUserId, reader.userId)
      : and(eq(quotes.customerUserId, reader.userId), ne(quotes.status, 'draft'))!;
  return readQuoteViews(db, and(eq(quotes.sessionId, sessionId), own)!);
}

/** The customer's quote versions that can be decided now, across their sessions, newest first (the dashboard). */
export async function listOpenQuotes(db: Database, customerUserId: string): Promise<QuoteView[]> {
  return readQuoteViews(db, and(eq(quotes.customerUserId, customerUserId), isOpenQuote)!);
}
