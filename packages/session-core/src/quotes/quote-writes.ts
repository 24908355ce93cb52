import { quoteLines, type Database, type Transaction } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import {
  InvalidSessionInputError,
  QuoteClosedError,
  QuoteExpiredError,
  QuoteNotADraftError,
  QuoteNotFoundError,
  SessionNotFoundError,
  SessionNotQuotableError,
} from '../errors.ts';
import { isUuid } from '../ids.ts';
import { enqueueQuoteMail } from '../notifications/session-mail.ts';
import type { QuoteEventType } from '../rules/events.ts';
import {
  computeQuoteTotals,
  QUOTE_VALID_DAYS_DEFAULT,
  QUOTE_WINDOW_AFTER_END_DAYS,
  quoteDraftSchema,
  type QuoteDraftInput,
} from '../rules/quotes.ts';
import { readQuoteView, type QuoteView } from './quote-view.ts';

/**
 * The session `s` (joined with its assignment `a`) is one the mechanic may quote: they accepted
 * it, and it is live or ended less than QUOTE_WINDOW_AFTER_END_DAYS ago.
 */
const quotableBy = (mechanicUserId: string) => sql`
  a.status = 'accepted' AND a.mechanic_user_id = ${mechanicUserId}
  AND (s.status = 'live'
       OR (s.status = 'ended' AND s.ended_at > now() - make_interval(days => ${QUOTE_WINDOW_AFTER_END_DAYS})))`;

/** Writes a quote event on its session: the session's status is unchanged, and said in the payload. */
export async function writeQuoteEvent(
  tx: Transaction,
  event: {
    type: QuoteEventType;
    actorUserId: string;
    quote: { id: string; sessionId: string; seriesId: string; version: number };
  },
): Promise<void> {
  const { quote } = event;
  await tx.execute(sql`
    INSERT INTO session_events (session_id, type, actor_user_id, payload)
    SELECT s.id, ${event.type}, ${event.actorUserId},
           jsonb_build_object('status', s.status, 'quoteId', ${quote.id}::text,
                              'seriesId', ${quote.seriesId}::text, 'version', ${quote.version}::int)
    FROM sessions s WHERE s.id = ${quote.sessionId}`);
}

function parseDraft(quote: QuoteDraftInput) {
  const parsed = quoteDraftSchema.safeParse(quote);
  if (!parsed.success) {
    throw new InvalidSessionInputError(
      parsed.error.issues.map((issue) => ({
        path: ['quote', ...issue.path].join('.'),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

/** Why a mechanic's write of a draft matched nothing: the typed error to throw. */
async function explainDraftRefusal(
  tx: Transaction,
  quoteId: string,
  mechanicUserId: string,
  sessionId?: string,
): Promise<Error> {
  const [row] = await tx.execute<{ status: string; mechanic_user_id: string; session_id: string }>(
    sql`SELECT status, mechanic_user_id, session_id FROM quotes WHERE id = ${quoteId}`,
  );
  if (!row || row.mechanic_user_id !== mechanicUserId || (sessionId && row.session_id !== sessionId)) {
    return new QuoteNotFoundError(quoteId);
  }
  if (row.status !== 'draft') return new QuoteNotADraftError(quoteId);
  return new SessionNotQuotableError(row.session_id);
}

export interface SaveQuoteDraftInput {
  mechanicUserId: string;
  sessionId: string;
  /** The draft to replace; absent: a new quote (version 1). */
  quoteId?: string | undefined;
  quote: QuoteDraftInput;
}

/**
 * Writes a draft: a new quote (version 1, its own series), or the new content of a draft of this
 * mechanic (only drafts change). Every amount is computed here from the lines.
 *
 * @throws {InvalidSessionInputError} the quote breaks its rules (paths under `quote.`)
 * @throws {SessionNotFoundError} no such session
 * @throws {SessionNotQuotableError} not a session this mechanic took, or not live nor recently ended
 * @throws {QuoteNotFoundError} `quoteId` is no draft of this mechanic for this session
 * @throws {QuoteNotADraftError} `quoteId` was sent already
 */
export async function saveQuoteDraft(db: Database, input: SaveQuoteDraftInput): Promise<QuoteView> {
  const { mechanicUserId, sessionId } = input;
  if (!isUuid(sessionId)) throw new SessionNotFoundError(sessionId);
  if (input.quoteId !== undefined && !isUuid(input.quoteId)) throw new QuoteNotFoundError(input.quoteId);
  const draft = parseDraft(input.quote);
  const totals = computeQuoteTotals(draft);
  const validUntil = draft.validUntil
    ? sql`${draft.validUntil.toISOString()}::timestamptz`
    : sql`now() + make_interval(days => ${QUOTE_VALID_DAYS_DEFAULT})`;
  const content = {
    currency: draft.currency,
    taxRateBps: draft.taxRateBps,
    workshopName: draft.workshopName,
    workshopAddress: draft.workshopAddress,
    note: draft.note,
  };

  const quoteId = await db.transaction(async (tx) => {
    let id: string;
    if (input.quoteId === undefined) {
      id = randomUUID();
      const inserted = await tx.execute<{ id: string }>(sql`
        INSERT INTO quotes (id, series_id, version, session_id, mechanic_user_id, customer_user_id,
                            currency, tax_rate_bps, workshop_name, workshop_address, note, valid_until,
                            subtotal_cents, tax_cents, total_cents)
        SELECT ${id}::uuid, ${id}::uuid, 1, s.id, a.mechanic_user_id, s.customer_user_id,
               ${content.currency}, ${content.taxRateBps}, ${content.workshopName}, ${content.workshopAddress},
               ${content.note}, ${validUntil}, ${totals.subtotalCents}, ${totals.taxCents}, ${totals.totalCents}
        FROM sessions s JOIN session_assignments a ON a.session_id = s.id
        WHERE s.id = ${sessionId} AND ${quotableBy(mechanicUserId)}
        RETURNING id`);
      if (inserted.length === 0) {
        const [session] = await tx.execute(sql`SELECT 1 FROM sessions WHERE id = ${sessionId}`);
        throw session ? new SessionNotQuotableError(sessionId) : new SessionNotFoundError(sessionId);
      }
    } else {
      id = input.quoteId;
      // Only a draft changes: the conditional UPDATE locks it, so a send waits for this save.
      const updated = await tx.execute<{ id: string }>(sql`
        UPDATE quotes q SET currency = ${content.currency}, tax_rate_bps = ${content.taxRateBps},
               workshop_name = ${content.workshopName}, workshop_address = ${content.workshopAddress},
               note = ${content.note}, valid_until = ${validUntil}, subtotal_cents = ${totals.subtotalCents},
               tax_cents = ${totals.taxCents}, total_cents = ${totals.totalCents}, updated_at = now()
        FROM sessions s JOIN session_assignments a ON a.session_id = s.id
        WHERE q.id = ${id} AND q.mechanic_user_id = ${mechanicUserId} AND q.session_id = ${sessionId}
          AND q.status = 'draft' AND s.id = q.session_id AND ${quotableBy(mechanicUserId)}
        RETURNING q.id`);
      if (updated.length === 0) throw await explainDraftRefusal(tx, id, mechanicUserId, sessionId);
      await tx.execute(sql`DELETE FROM quote_lines WHERE quote_id = ${id}`);
    }
    await tx.insert(quoteLines).values(
      draft.lines.map((line, index) => ({
        quoteId: id,
        position: index + 1,
        kind: line.kind,
        description: line.description,
        quantityMilli: line.quantityMilli,
        unitPriceCents: line.unitPriceCents,
        ...totals.lines[index]!,
      })),
    );
    return id;
  });
  return readQuoteView(db, quoteId);
}

type LockedQuote = {
  id: string;
  series_id: string;
  version: number;
  session_id: string;
  total_cents: number;
  still_valid: boolean;
};

/**
 * Sends a draft to the customer: draft → sent, the series' sent version (if any) superseded by it
 * (or expired, when its valid-until has passed), and a `quote_sent` event, all in one transaction.
 * A version being approved at that moment is decided by the row lock: approved first, it stays
 * approved; superseded first, the approval is refused.
 *
 * @throws {QuoteNotFoundError} no draft of this mechanic's with that id
 * @throws {QuoteNotADraftError} it was sent already
 * @throws {SessionNotQuotableError} its session can no longer be quoted
 * @throws {InvalidSessionInputError} its total is not above zero, or its valid-until has passed
 */
export async function sendQuote(
  db: Database,
  input: { mechanicUserId: string; quoteId: string },
): Promise<QuoteView> {
  const { mechanicUserId, quoteId } = input;
  if (!isUuid(quoteId)) throw new QuoteNotFoundError(quoteId);
  await db.transaction(async (tx) => {
    const [draft] = await tx.execute<LockedQuote>(sql`
      SELECT q.id, q.series_id, q.version, q.session_id, q.total_cents, q.valid_until > now() AS still_valid
      FROM quotes q
        JOIN sessions s ON s.id = q.session_id
        JOIN session_assignments a ON a.session_id = s.id
      WHERE q.id = ${quoteId} AND q.mechanic_user_id = ${mechanicUserId} AND q.status = 'draft'
        AND ${quotableBy(mechanicUserId)}
      FOR UPDATE OF q`);
    if (!draft) throw await explainDraftRefusal(tx, quoteId, mechanicUserId);
    if (draft.total_cents <= 0) {
      throw new InvalidSessionInputError([
        { path: 'quote.lines', message: 'A quote is sent with a total above zero: check its lines' },
      ]);
    }
    if (!draft.still_valid) {
      throw new InvalidSessionInputError([
        { path: 'quote.validUntil', message: 'Its valid-until date has passed: pick a later one, then send' },
      ]);
    }
    await tx.execute(sql`
      UPDATE quotes
      SET status = CASE WHEN valid_until > now() THEN 'superseded' ELSE 'expired' END::quote_status,
          closed_at = now(), updated_at = now()
      WHERE series_id = ${draft.series_id} AND status = 'sent'`);
    await tx.execute(sql`
      UPDATE quotes SET status = 'sent', sent_at = now(), updated_at = now() WHERE id = ${quoteId}`);
    await writeQuoteEvent(tx, {
      type: 'quote_sent',
      actorUserId: mechanicUserId,
      quote: { id: quoteId, sessionId: draft.session_id, seriesId: draft.series_id, version: draft.version },
    });
    await enqueueQuoteMail(tx, 'quote_sent', quoteId);
  });
  return readQuoteView(db, quoteId);
}

/**
 * A new draft version of a sent, declined or expired version, its content copied (valid for
 * QUOTE_VALID_DAYS_DEFAULT days from now). The old version stays as it was: a sent one can still be
 * approved until the revision is sent. When the quote has a draft already, that draft is returned.
 *
 * @throws {QuoteNotFoundError} no version of this mechanic's with that id
 * @throws {QuoteClosedError} the version was approved, withdrawn or superseded
 * @throws {SessionNotQuotableError} its session can no longer be quoted
 */
export async function reviseQuote(
  db: Database,
  input: { mechanicUserId: string; quoteId: string },
): Promise<QuoteView> {
  const { mechanicUserId, quoteId } = input;
  if (!isUuid(quoteId)) throw new QuoteNotFoundError(quoteId);
  const revisionId = await db.transaction(async (tx) => {
    const id = randomUUID();
    // Two revisions at once: both pick the same version number; the unique indexes let one in.
    const inserted = await tx.execute<{ id: string }>(sql`
      INSERT INTO quotes (id, series_id, version, session_id, mechanic_user_id, customer_user_id,
                          currency, tax_rate_bps, workshop_name, workshop_address, note, valid_until,
                          subtotal_cents, tax_cents, total_cents)
      SELECT ${id}::uuid, q.series_id,
             (SELECT max(v.version) + 1 FROM quotes v WHERE v.series_id = q.series_id),
             q.session_id, q.mechanic_user_id, q.customer_user_id, q.currency, q.tax_rate_bps,
             q.workshop_name, q.workshop_address, q.note,
             now() + make_interval(days => ${QUOTE_VALID_DAYS_DEFAULT}),
             q.subtotal_cents, q.tax_cents, q.total_cents
      FROM quotes q
        JOIN sessions s ON s.id = q.session_id
        JOIN session_assignments a ON a.session_id = s.id
      WHERE q.id = ${quoteId} AND q.mechanic_user_id = ${mechanicUserId}
        AND q.status IN ('sent', 'declined', 'expired') AND ${quotableBy(mechanicUserId)}
      ON CONFLICT DO NOTHING
      RETURNING id`);
    if (inserted.length > 0) {
      await tx.execute(sql`
        INSERT INTO quote_lines (quote_id, position, kind, description, quantity_milli, unit_price_cents,
                                 amount_cents, tax_cents, total_cents)
        SELECT ${id}::uuid, position, kind, description, quantity_milli, unit_price_cents,
               amount_cents, tax_cents, total_cents
        FROM quote_lines WHERE quote_id = ${quoteId}`);
      return id;
    }
    const [row] = await tx.execute<{ status: string; session_id: string; draft_id: string | null }>(sql`
      SELECT q.status, q.session_id,
             (SELECT d.id FROM quotes d WHERE d.series_id = q.series_id AND d.status = 'draft') AS draft_id
      FROM quotes q WHERE q.id = ${quoteId} AND q.mechanic_user_id = ${mechanicUserId}`);
    if (!row) throw new QuoteNotFoundError(quoteId);
    if (row.draft_id) return row.draft_id;
    if (['sent', 'declined', 'expired'].includes(row.status))
      throw new SessionNotQuotableError(row.session_id);
    throw new QuoteClosedError(quoteId, row.status);
  });
  return readQuoteView(db, revisionId);
}

/** Why a conditional move of a sent version matched nothing. */
async function explainClosed(tx: Transaction, quoteId: string, owner: SQL): Promise<Error> {
  const [row] = await tx.execute<{ status: string; expired: boolean }>(sql`
    SELECT status, (status = 'expired' OR (status = 'sent' AND valid_until <= now())) AS expired
    FROM quotes WHERE id = ${quoteId} AND ${owner} AND status <> 'draft'`);
  if (!row) return new QuoteNotFoundError(quoteId);
  if (row.expired) return new QuoteExpiredError(quoteId);
  return new QuoteClosedError(quoteId, row.status);
}

/**
 * The mechanic takes back a sent version (the customer can no longer decide it) with a
 * `quote_withdrawn` event.
 *
 * @throws {QuoteNotFoundError} no sent version of this mechanic's with that id (drafts are deleted instead)
 * @throws {QuoteExpiredError} it expired already
 * @throws {QuoteClosedError} it was decided, withdrawn or superseded
 */
export async function withdrawQuote(
  db: Database,
  input: { mechanicUserId: string; quoteId: string },
): Promise<QuoteView> {
  const { mechanicUserId, quoteId } = input;
  if (!isUuid(quoteId)) throw new QuoteNotFoundError(quoteId);
  await db.transaction(async (tx) => {
    const [quote] = await tx.execute<{
      id: string;
      session_id: string;
      series_id: string;
      version: number;
    }>(sql`
      UPDATE quotes SET status = 'withdrawn', closed_at = now(), updated_at = now()
      WHERE id = ${quoteId} AND mechanic_user_id = ${mechanicUserId} AND status = 'sent' AND valid_until > now()
      RETURNING id, session_id, series_id, version`);
    if (!quote) throw await explainClosed(tx, quoteId, sql`mechanic_user_id = ${mechanicUserId}`);
    await writeQuoteEvent(tx, {
      type: 'quote_withdrawn',
      actorUserId: mechanicUserId,
      quote: { id: quote.id, sessionId: quote.session_id, seriesId: quote.series_id, version: quote.version },
    });
  });
  return readQuoteView(db, quoteId);
}

/**
 * Deletes a draft of this mechanic's (never a sent version).
 *
 * @throws {QuoteNotFoundError} no version of this mechanic's with that id
 * @throws {QuoteNotADraftError} it was sent
 */
export async function deleteQuoteDraft(
  db: Database,
  input: { mechanicUserId: string; quoteId: string },
): Promise<{ deleted: true }> {
  const { mechanicUserId, quoteId } = input;
  if (!isUuid(quoteId)) throw new QuoteNotFoundError(quoteId);
  return db.transaction(async (tx) => {
    const deleted = await tx.execute(sql`
      DELETE FROM quotes WHERE id = ${quoteId} AND mechanic_user_id = ${mechanicUserId} AND status = 'draft'
      RETURNING id`);
    if (deleted.length === 0) throw await explainDraftRefusal(tx, quoteId, mechanicUserId);
    return { deleted: true } as const;
  });
}

export { explainClosed };
