import { mechanicEarnings, quoteDecisions, quoteLineDecisions, type Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { InvalidSessionInputError, QuoteLinesMismatchError, QuoteNotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import { enqueueQuoteMail } from '../notifications/session-mail.ts';
import { EARNING_RATES_BPS, quoteBonusCents } from '../rules/earnings.ts';
import { approvedTotalCents, QUOTE_LIMITS, signatureNameSchema } from '../rules/quotes.ts';
import { readQuoteView, type QuoteView } from './quote-view.ts';
import { explainClosed, writeQuoteEvent } from './quote-writes.ts';

export interface DecideQuoteInput {
  customerUserId: string;
  quoteId: string;
  /** Every line of the version, once: approved or declined. */
  decisions: readonly { lineId: string; approved: boolean }[];
  /** The customer's typed full name (2–120 characters, trimmed). */
  signatureName: string;
  /** Where the decision came from, as the API saw it. */
  clientAddress?: string | null | undefined;
  userAgent?: string | null | undefined;
}

/** Longest user agent kept with a decision (a browser's is a few hundred characters). */
export const USER_AGENT_MAX_CHARS = 512;
/** Longest client address kept (an IPv6 address with a zone is under 64). */
const CLIENT_ADDRESS_MAX_CHARS = 64;

// Headers are the client's words: kept short, without control characters (PostgreSQL refuses NUL).
const kept = (value: string | null | undefined, max: number) =>
  value ? value.replace(/\p{Cc}/gu, '').slice(0, max) || null : null;

/**
 * The customer decides a sent version line by line: approved when at least one line is, else
 * declined. One conditional UPDATE (`status = 'sent' AND valid_until > now()`) decides between
 * concurrent decisions, so one wins and the others get QuoteClosedError. The decision, each line's
 * part of it, the mechanic's escalation bonus (5 % of the approved total, when above zero) and the
 * session event (and, approved, the mechanic's `quote_approved` email) commit together or not at all.
 *
 * @throws {InvalidSessionInputError} the signature breaks its rules, or the approved lines add up below zero
 * @throws {QuoteNotFoundError} no sent version of this customer's with that id
 * @throws {QuoteLinesMismatchError} the decisions do not name each line of the version exactly once
 * @throws {QuoteExpiredError} its valid-until has passed
 * @throws {QuoteClosedError} decided already, withdrawn, or superseded by a revision
 */
export async function decideQuote(db: Database, input: DecideQuoteInput): Promise<QuoteView> {
  const { customerUserId, quoteId } = input;
  if (!isUuid(quoteId)) throw new QuoteNotFoundError(quoteId);
  const signature = signatureNameSchema.safeParse(input.signatureName);
  if (!signature.success) {
    throw new InvalidSessionInputError(
      signature.error.issues.map((issue) => ({ path: 'signatureName', message: issue.message })),
    );
  }
  await db.transaction(async (tx) => {
    // A sent version's lines never change (a trigger), so reading them before the decision is safe.
    const lines = await tx.execute<{ id: string; total_cents: number }>(sql`
      SELECT l.id, l.total_cents FROM quote_lines l JOIN quotes q ON q.id = l.quote_id
      WHERE q.id = ${quoteId} AND q.customer_user_id = ${customerUserId} AND q.status <> 'draft'`);
    if (lines.length === 0) throw new QuoteNotFoundError(quoteId);
    const approvedOf = new Map(input.decisions.map((d) => [d.lineId, d.approved]));
    if (
      input.decisions.length !== lines.length ||
      approvedOf.size !== lines.length ||
      lines.some((line) => !approvedOf.has(line.id))
    ) {
      throw new QuoteLinesMismatchError(quoteId);
    }
    const decided = lines.map((line) => ({
      lineId: line.id,
      totalCents: line.total_cents,
      approved: approvedOf.get(line.id)!,
    }));
    const approvedTotal = approvedTotalCents(decided);
    if (approvedTotal < 0) {
      throw new InvalidSessionInputError([
        {
          path: 'decisions',
          message: 'The approved lines add up to less than zero: approve more than the discount',
        },
      ]);
    }
    const approved = decided.some((line) => line.approved);

    const [quote] = await tx.execute<{
      session_id: string;
      series_id: string;
      version: number;
      mechanic_user_id: string;
      currency: string;
    }>(sql`
      UPDATE quotes SET status = ${approved ? 'approved' : 'declined'}::quote_status,
                        closed_at = now(), updated_at = now()
      WHERE id = ${quoteId} AND customer_user_id = ${customerUserId}
        AND status = 'sent' AND valid_until > now()
      RETURNING session_id, series_id, version, mechanic_user_id, currency`);
    if (!quote) throw await explainClosed(tx, quoteId, sql`customer_user_id = ${customerUserId}`);

    await tx.insert(quoteDecisions).values({
      quoteId,
      customerUserId,
      signatureName: signature.data,
      clientAddress: kept(input.clientAddress, CLIENT_ADDRESS_MAX_CHARS),
      userAgent: kept(input.userAgent, USER_AGENT_MAX_CHARS),
      approvedTotalCents: approvedTotal,
    });
    await tx
      .insert(quoteLineDecisions)
      .values(decided.map((line) => ({ quoteId, lineId: line.lineId, approved: line.approved })));
    const bonus = quoteBonusCents(approvedTotal);
    // A zero line is not allowed (a check): an approval too small to earn a cent earns none.
    if (bonus > 0) {
      await tx.insert(mechanicEarnings).values({
        mechanicUserId: quote.mechanic_user_id,
        kind: 'quote_bonus',
        amountCents: bonus,
        currency: quote.currency,
        sessionId: quote.session_id,
        quoteId,
        basisCents: approvedTotal,
        rateBps: EARNING_RATES_BPS.quote_bonus,
      });
    }
    await writeQuoteEvent(tx, {
      type: approved ? 'quote_approved' : 'quote_declined',
      actorUserId: customerUserId,
      quote: { id: quoteId, sessionId: quote.session_id, seriesId: quote.series_id, version: quote.version },
    });
    if (approved) await enqueueQuoteMail(tx, 'quote_approved', quoteId);
  });
  return readQuoteView(db, quoteId);
}

/** At most this many decisions in one call: a version has at most QUOTE_LIMITS.linesMax lines. */
export const DECISIONS_MAX = QUOTE_LIMITS.linesMax;
