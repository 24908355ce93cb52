import { type Transaction } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { MAIL_SUMMARY_MAX_LENGTH, type MailKind } from '../rules/notifications.ts';
import { enqueueMail } from './enqueue-mail.ts';

/**
 * One message per event and recipient: `<kind>:<subject id>:<user id>` (the subject is the session,
 * purchase or quote the message is about). A retried or concurrent move finds the key taken.
 */
export function mailDedupeKey(kind: MailKind, subjectId: string, userId: string): string {
  return `${kind}:${subjectId}:${userId}`;
}

/** "2017 Toyota Corolla: a squeal from the front brakes", cut to `MAIL_SUMMARY_MAX_LENGTH`. */
export function vehicleSummaryOf(session: {
  vehicleYear: number;
  vehicleMake: string;
  vehicleModel: string;
  concern: string;
}): string {
  const concern = session.concern.replace(/\s+/g, ' ').trim();
  const summary = `${session.vehicleYear} ${session.vehicleMake} ${session.vehicleModel}: ${concern}`;
  return summary.length > MAIL_SUMMARY_MAX_LENGTH
    ? `${summary.slice(0, MAIL_SUMMARY_MAX_LENGTH - 1).trimEnd()}…`
    : summary;
}

/** What the customer's session emails say, read in the move's transaction (after the move). */
interface SessionMailRow extends Record<string, unknown> {
  customer_user_id: string;
  customer_name: string;
  mechanic_name: string | null;
  vehicle_year: number;
  vehicle_make: string;
  vehicle_model: string;
  concern: string;
  started_at: string | null;
  ended_at: string | null;
  duration_minutes: number | null;
  message_count: number;
  charged_amount_cents: number;
  currency: string | null;
}

async function readSessionMailFacts(tx: Transaction, sessionId: string): Promise<SessionMailRow> {
  const [row] = await tx.execute<SessionMailRow>(sql`
    SELECT s.customer_user_id, c.name AS customer_name, m.name AS mechanic_name,
           s.vehicle_year, s.vehicle_make, s.vehicle_model, s.concern,
           to_char(s.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started_at,
           to_char(s.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ended_at,
           floor(extract(epoch FROM s.ended_at - s.started_at) / 60)::int AS duration_minutes,
           (SELECT count(*)::int FROM room_entries e WHERE e.session_id = s.id AND e.kind = 'message') AS message_count,
           s.charged_amount_cents, s.currency
    FROM sessions s
      JOIN users c ON c.id = s.customer_user_id
      LEFT JOIN session_assignments a ON a.session_id = s.id AND a.mechanic_user_id IS NOT NULL
      LEFT JOIN users m ON m.id = a.mechanic_user_id
    WHERE s.id = ${sessionId}`);
  if (!row) throw new Error(`Session ${sessionId} vanished inside its own move`);
  return row;
}

/** The customer's email about a move of their session, in the move's transaction. */
export async function enqueueSessionMail(
  tx: Transaction,
  kind: 'session_accepted' | 'session_live' | 'session_ended',
  sessionId: string,
): Promise<boolean> {
  const row = await readSessionMailFacts(tx, sessionId);
  const facts = {
    sessionId,
    vehicleSummary: vehicleSummaryOf({
      vehicleYear: row.vehicle_year,
      vehicleMake: row.vehicle_make,
      vehicleModel: row.vehicle_model,
      concern: row.concern,
    }),
    customerName: row.customer_name,
  };
  const common = {
    userId: row.customer_user_id,
    dedupeKey: mailDedupeKey(kind, sessionId, row.customer_user_id),
  };
  if (kind === 'session_ended') {
    return enqueueMail(tx, {
      kind,
      ...common,
      payload: {
        ...facts,
        mechanicName: row.mechanic_name,
        startedAt: row.started_at,
        endedAt: row.ended_at ?? new Date().toISOString(),
        durationMinutes: row.duration_minutes,
        messageCount: row.message_count,
      },
    });
  }
  // Accepted and live: a mechanic has the session by then (its assignment names them).
  return enqueueMail(tx, { kind, ...common, payload: { ...facts, mechanicName: row.mechanic_name ?? '' } });
}

/**
 * The customer's refund email, in the transaction that records the refund: the credits given
 * back, or the card payment once Stripe confirmed its refund.
 */
export async function enqueueRefundMail(
  tx: Transaction,
  sessionId: string,
  refund: { credits: number } | 'card',
): Promise<boolean> {
  const row = await readSessionMailFacts(tx, sessionId);
  const card = refund === 'card';
  return enqueueMail(tx, {
    kind: 'session_refund',
    userId: row.customer_user_id,
    dedupeKey: mailDedupeKey('session_refund', sessionId, row.customer_user_id),
    payload: {
      sessionId,
      vehicleSummary: vehicleSummaryOf({
        vehicleYear: row.vehicle_year,
        vehicleMake: row.vehicle_make,
        vehicleModel: row.vehicle_model,
        concern: row.concern,
      }),
      customerName: row.customer_name,
      amountCents: card ? row.charged_amount_cents : null,
      currency: card ? row.currency : null,
      credits: card ? null : refund.credits,
    },
  });
}

interface QuoteMailRow extends Record<string, unknown> {
  session_id: string;
  version: number;
  customer_user_id: string;
  customer_name: string;
  mechanic_user_id: string;
  mechanic_name: string;
  total_cents: number;
  currency: string;
  valid_until: string;
  approved_total_cents: number | null;
  vehicle_year: number;
  vehicle_make: string;
  vehicle_model: string;
  concern: string;
}

/**
 * A quote's email, in the transaction of its move: `quote_sent` to the customer, `quote_approved`
 * (after the decision is written) to the mechanic.
 */
export async function enqueueQuoteMail(
  tx: Transaction,
  kind: 'quote_sent' | 'quote_approved',
  quoteId: string,
): Promise<boolean> {
  const [row] = await tx.execute<QuoteMailRow>(sql`
    SELECT q.session_id, q.version, q.customer_user_id, c.name AS customer_name,
           q.mechanic_user_id, m.name AS mechanic_name, q.total_cents, q.currency,
           to_char(q.valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS valid_until,
           d.approved_total_cents, s.vehicle_year, s.vehicle_make, s.vehicle_model, s.concern
    FROM quotes q
      JOIN sessions s ON s.id = q.session_id
      JOIN users c ON c.id = q.customer_user_id
      JOIN users m ON m.id = q.mechanic_user_id
      LEFT JOIN quote_decisions d ON d.quote_id = q.id
    WHERE q.id = ${quoteId}`);
  if (!row) throw new Error(`Quote ${quoteId} vanished inside its own move`);
  const facts = {
    sessionId: row.session_id,
    vehicleSummary: vehicleSummaryOf({
      vehicleYear: row.vehicle_year,
      vehicleMake: row.vehicle_make,
      vehicleModel: row.vehicle_model,
      concern: row.concern,
    }),
    customerName: row.customer_name,
    mechanicName: row.mechanic_name,
    quoteId,
    version: row.version,
    currency: row.currency,
  };
  if (kind === 'quote_sent') {
    return enqueueMail(tx, {
      kind,
      userId: row.customer_user_id,
      dedupeKey: mailDedupeKey(kind, quoteId, row.customer_user_id),
      payload: { ...facts, totalCents: row.total_cents, validUntil: row.valid_until },
    });
  }
  return enqueueMail(tx, {
    kind,
    userId: row.mechanic_user_id,
    dedupeKey: mailDedupeKey(kind, quoteId, row.mechanic_user_id),
    payload: { ...facts, approvedTotalCents: row.approved_total_cents ?? 0 },
  });
}
