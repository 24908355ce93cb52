import {
  creditLedger,
  customerCredits,
  isConstraintViolation,
  SqlState,
  type Database,
} from '@autodoctor/db';
import { eq, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { CustomerNotFoundError, InsufficientCreditsError, InvalidSessionInputError } from './errors.ts';

/**
 * Adds `credits` to a customer's balance and records the grant in the ledger,
 * in one transaction. Returns the new balance.
 *
 * @throws {InvalidSessionInputError} `credits` is not a positive whole number
 * @throws {CustomerNotFoundError} no such user
 */
export async function grantCredits(db: Database, customerUserId: string, credits: number): Promise<number> {
  if (!Number.isInteger(credits) || credits <= 0) {
    throw new InvalidSessionInputError([{ path: 'credits', message: 'Must be a positive whole number' }]);
  }
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(customerCredits)
        .values({ customerUserId, balance: credits })
        .onConflictDoUpdate({
          target: customerCredits.customerUserId,
          set: { balance: sql`${customerCredits.balance} + ${credits}`, updatedAt: sql`now()` },
        })
        .returning({ balance: customerCredits.balance });
      await tx.insert(creditLedger).values({ customerUserId, delta: credits, reason: 'grant' });
      return row!.balance;
    });
  } catch (error) {
    if (
      isConstraintViolation(
        error,
        SqlState.foreignKeyViolation,
        'customer_credits_customer_user_id_users_id_fk',
      )
    ) {
      throw new CustomerNotFoundError(customerUserId);
    }
    throw error;
  }
}

/** A customer's current balance (0 for a customer who never had credits). */
export async function getCreditBalance(db: Database, customerUserId: string): Promise<number> {
  const [row] = await db
    .select({ balance: customerCredits.balance })
    .from(customerCredits)
    .where(eq(customerCredits.customerUserId, customerUserId));
  return row?.balance ?? 0;
}

/**
 * Takes `credits` from a customer's balance for a session, inside the caller's
 * transaction (a postgres.js transaction: this runs on the factory's hot path).
 * A conditional UPDATE (`WHERE balance >= credits`) decides, so concurrent
 * debits can never take the balance below zero; the ledger records it.
 *
 * The credits come from the customer's oldest completed pack that still has them
 * (bought credits before granted ones), named in `sessions.credit_purchase_id` so the
 * mechanic's referral fee knows what they were worth and a refund gives them back to
 * that pack. No pack with credits left: they were granted (worth nothing). The balance
 * row's lock, taken first, serializes a customer's debits, so two never take one credit.
 *
 * @throws {InsufficientCreditsError} the balance is below `credits`
 */
export async function debitCredits(
  tx: postgres.TransactionSql,
  customerUserId: string,
  credits: number,
  sessionId: string,
): Promise<void> {
  const debited = await tx`
    UPDATE customer_credits SET balance = balance - ${credits}, updated_at = now()
    WHERE customer_user_id = ${customerUserId} AND balance >= ${credits}
    RETURNING balance`;
  if (debited.length === 0) {
    const [row] = await tx<{ balance: number }[]>`
      SELECT balance FROM customer_credits WHERE customer_user_id = ${customerUserId}`;
    throw new InsufficientCreditsError(credits, row?.balance ?? 0);
  }
  // One round trip: the pack gives the credits, the session names it, the ledger records the debit.
  await tx`
    WITH pack AS (
      UPDATE credit_purchases SET credits_left = credits_left - ${credits}
      WHERE id = (
        SELECT id FROM credit_purchases
        WHERE customer_user_id = ${customerUserId} AND status = 'completed' AND credits_left >= ${credits}
        ORDER BY completed_at, id
        LIMIT 1
        FOR UPDATE)
      RETURNING id
    ), named AS (
      UPDATE sessions SET credit_purchase_id = pack.id FROM pack WHERE sessions.id = ${sessionId}
    )
    INSERT INTO credit_ledger (customer_user_id, delta, reason, session_id)
    VALUES (${customerUserId}, ${-credits}, 'session_debit', ${sessionId})`;
}
