import { type Database } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';
import { ReceiptNotFoundError } from './errors.ts';
import { isUuid } from './ids.ts';
import { vehicleSummaryOf } from './notifications/session-mail.ts';
import { cursorKey, pageOf, type Page, type PageOptions } from './pagination.ts';
import { RECEIPT_KIND_VALUES, type ReceiptKind } from './rules/links.ts';

/** A payment of the customer's, as its receipt shows it: what, how much, when, Stripe's reference. */
export interface Receipt {
  kind: ReceiptKind;
  /** The session (a card payment) or the credit purchase: with `kind`, the receipt page's address. */
  id: string;
  /** What was bought, in words: "Remote consultation: 2017 Toyota Corolla: …" or "5 credits". */
  description: string;
  amountCents: number;
  currency: string;
  paidAt: Date;
  /** The payment's reference at Stripe (its Checkout Session id), for the customer's bank or support. */
  paymentReference: string;
  /** A credit purchase's credits; null for a card payment. */
  credits: number | null;
  /** A card payment's session; null for a credit purchase. */
  sessionId: string | null;
  /** When the payment was refunded to the card (a card payment cancelled before a mechanic took it). */
  refundedAt: Date | null;
}

export type ReceiptPage = Page<Receipt>;

interface ReceiptRow extends Record<string, unknown> {
  kind: ReceiptKind;
  id: string;
  amount_cents: number;
  currency: string;
  paid_at: string | Date;
  /** `paid_at` in whole microseconds (PostgreSQL's own precision): the cursor's exact key. */
  paid_key: string;
  payment_reference: string;
  credits: number | null;
  session_id: string | null;
  refunded_at: string | Date | null;
  vehicle_year: number | null;
  vehicle_make: string | null;
  vehicle_model: string | null;
  concern: string | null;
}

/**
 * Every payment of one customer: card-paid sessions (one payment each, named by the session) and
 * completed credit purchases. Filtered by `where` over the columns `kind`, `id`, `paid_key`.
 */
function receiptsQuery(customerUserId: string, where: SQL, limit: number): SQL {
  return sql`
    SELECT * FROM (
      SELECT 'card_payment' AS kind, s.id::text AS id, s.charged_amount_cents AS amount_cents,
             coalesce(s.currency, 'usd') AS currency, s.created_at AS paid_at,
             s.stripe_checkout_session_id AS payment_reference, NULL::int AS credits, s.id::text AS session_id,
             r.refunded_at, s.vehicle_year, s.vehicle_make, s.vehicle_model, s.concern
      FROM sessions s
        LEFT JOIN stripe_refunds r ON r.stripe_checkout_session_id = s.stripe_checkout_session_id
      WHERE s.customer_user_id = ${customerUserId} AND s.type = 'paid' AND s.stripe_checkout_session_id IS NOT NULL
      UNION ALL
      SELECT 'credit_purchase', p.id::text, p.amount_cents, p.currency, p.completed_at,
             p.stripe_checkout_session_id, p.credits, NULL, NULL, NULL, NULL, NULL, NULL
      FROM credit_purchases p
      WHERE p.customer_user_id = ${customerUserId} AND p.status = 'completed'
        AND p.stripe_checkout_session_id IS NOT NULL
    ) receipt
    CROSS JOIN LATERAL (SELECT (extract(epoch FROM receipt.paid_at) * 1000000)::bigint::text AS paid_key) k
    WHERE ${where}
    ORDER BY k.paid_key::bigint DESC, receipt.kind DESC, receipt.id DESC
    LIMIT ${limit}`;
}

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

function receiptOf(row: ReceiptRow): Receipt {
  const description =
    row.kind === 'credit_purchase'
      ? `${row.credits} ${row.credits === 1 ? 'credit' : 'credits'}`
      : `Remote consultation: ${vehicleSummaryOf({
          vehicleYear: row.vehicle_year ?? 0,
          vehicleMake: row.vehicle_make ?? '',
          vehicleModel: row.vehicle_model ?? '',
          concern: row.concern ?? '',
        })}`;
  return {
    kind: row.kind,
    id: row.id,
    description,
    amountCents: row.amount_cents,
    currency: row.currency,
    paidAt: toDate(row.paid_at),
    paymentReference: row.payment_reference,
    credits: row.credits,
    sessionId: row.session_id,
    refundedAt: row.refunded_at === null ? null : toDate(row.refunded_at),
  };
}

// The cursor is the last receipt's sort key: paid at (microseconds), kind, id.
const receiptKey = ([paidKey, kind, id]: unknown[]) =>
  typeof paidKey === 'string' &&
  /^\d{1,19}$/.test(paidKey) &&
  typeof kind === 'string' &&
  (RECEIPT_KIND_VALUES as readonly string[]).includes(kind) &&
  typeof id === 'string' &&
  isUuid(id)
    ? { paidKey, kind, id }
    : undefined;

/** A customer's receipts, newest payment first, `limit` at a time (keyset pagination). */
export async function listReceipts(
  db: Database,
  customerUserId: string,
  options: PageOptions,
): Promise<ReceiptPage> {
  const after = cursorKey(options, receiptKey);
  const where = after
    ? sql`(k.paid_key::bigint, receipt.kind, receipt.id) < (${after.paidKey}::bigint, ${after.kind}::text, ${after.id}::text)`
    : sql`true`;
  const rows = await db.execute<ReceiptRow>(receiptsQuery(customerUserId, where, options.limit + 1));
  const page = pageOf([...rows], options.limit, (last) => [last.paid_key, last.kind, last.id]);
  return { items: page.items.map(receiptOf), nextCursor: page.nextCursor };
}

/**
 * One receipt of the customer's.
 *
 * @throws {ReceiptNotFoundError} no such payment of this customer's (someone else's looks the same)
 */
export async function getReceipt(
  db: Database,
  customerUserId: string,
  receipt: { kind: ReceiptKind; id: string },
): Promise<Receipt> {
  if (!isUuid(receipt.id)) throw new ReceiptNotFoundError(receipt.id);
  const [row] = await db.execute<ReceiptRow>(
    receiptsQuery(customerUserId, sql`receipt.kind = ${receipt.kind} AND receipt.id = ${receipt.id}`, 1),
  );
  if (!row) throw new ReceiptNotFoundError(receipt.id);
  return receiptOf(row);
}
