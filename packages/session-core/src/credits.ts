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
  await tx`
    INSERT INTO credit_ledger (customer_user_id, delta, reason, session_id)
    VALUES (${customerUserId}, ${-credits}, 'session_debit', ${sessionId})`;
}
