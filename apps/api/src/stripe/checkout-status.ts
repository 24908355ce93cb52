import { checkoutIntents, sessions, stripeRefunds, type Database } from '@autodoctor/db';
import { and, eq } from '@autodoctor/db/orm';
import { CheckoutNotFoundError } from '@autodoctor/session-core';

/** What became of a paid intake's checkout, for the success page. */
export interface CheckoutStatus {
  /**
   * `awaiting_payment`: Stripe has not reported the payment yet;
   * `session_created`: the paid session exists (`sessionId`);
   * `not_created`: paid, but no session could be made (e.g. the customer had
   * another active session): the payment is owed back (`refunded` once paid back).
   */
  status: 'awaiting_payment' | 'session_created' | 'not_created';
  sessionId: string | null;
  /** Stripe confirmed the refund (also of a session cancelled or expired before a mechanic took it). */
  refunded: boolean;
}

/**
 * The status of one of a customer's paid-session checkouts, in one read.
 *
 * @throws {CheckoutNotFoundError} no such checkout, or it is somebody else's
 */
export async function getCheckoutStatus(
  db: Database,
  customerUserId: string,
  checkoutSessionId: string,
): Promise<CheckoutStatus> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      refundRequestedAt: stripeRefunds.requestedAt,
      refundedAt: stripeRefunds.refundedAt,
    })
    .from(checkoutIntents)
    .leftJoin(sessions, eq(sessions.stripeCheckoutSessionId, checkoutIntents.stripeCheckoutSessionId))
    .leftJoin(
      stripeRefunds,
      eq(stripeRefunds.stripeCheckoutSessionId, checkoutIntents.stripeCheckoutSessionId),
    )
    .where(
      and(
        eq(checkoutIntents.stripeCheckoutSessionId, checkoutSessionId),
        eq(checkoutIntents.customerUserId, customerUserId),
      ),
    );
  if (!row) throw new CheckoutNotFoundError(checkoutSessionId);
  const status = row.sessionId
    ? 'session_created'
    : row.refundRequestedAt
      ? 'not_created'
      : 'awaiting_payment';
  return { status, sessionId: row.sessionId, refunded: row.refundedAt !== null };
}
