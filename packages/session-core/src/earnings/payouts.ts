import { mechanicEarnings, type Database } from '@autodoctor/db';
import { eq, sql } from 'drizzle-orm';
import { InvalidSessionInputError, MechanicNotFoundError } from '../errors.ts';
import { PAYOUT_MAX_CENTS, PAYOUT_REFERENCE_MAX } from '../rules/earnings.ts';

// Their home is the rules (the console checks a payout before sending it); kept here for callers.
export { PAYOUT_MAX_CENTS, PAYOUT_REFERENCE_MAX };

export interface RecordPayoutInput {
  mechanicUserId: string;
  /** What was paid to the mechanic, in cents (> 0): written as a negative line. */
  amountCents: number;
  /** The transfer's reference, shown on the mechanic's earnings page. */
  reference: string;
  /** Who recorded it (an operator's user id, or e.g. `cli:<os user>`). */
  recordedBy: string;
}

/** The payout line written. */
export interface RecordedPayout {
  id: number;
  mechanicUserId: string;
  amountCents: number;
  currency: string;
  reference: string;
  createdAt: Date;
}

/**
 * Records a payout to a mechanic: one negative line in their append-only earnings ledger (the
 * balance is the sum of the lines). Written only for a user who is a mechanic.
 *
 * @throws {InvalidSessionInputError} the amount is not a whole number of cents in 1..PAYOUT_MAX_CENTS,
 *   or the reference is empty or too long
 * @throws {MechanicNotFoundError} no mechanic with that id
 */
export async function recordPayout(db: Database, input: RecordPayoutInput): Promise<RecordedPayout> {
  const reference = input.reference.trim();
  const issues: { path: string; message: string }[] = [];
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) {
    issues.push({ path: 'amountCents', message: 'Must be a positive whole number of cents' });
  } else if (input.amountCents > PAYOUT_MAX_CENTS) {
    issues.push({ path: 'amountCents', message: `Must be at most ${PAYOUT_MAX_CENTS} cents` });
  }
  if (reference.length === 0 || reference.length > PAYOUT_REFERENCE_MAX) {
    issues.push({ path: 'reference', message: `Must be 1 to ${PAYOUT_REFERENCE_MAX} characters` });
  }
  if (issues.length > 0) throw new InvalidSessionInputError(issues);
  // Only a mechanic's id matches the SELECT: anybody else gets no line.
  const [written] = await db.execute<{ id: number }>(sql`
    INSERT INTO mechanic_earnings (mechanic_user_id, kind, amount_cents, currency, reference, recorded_by)
    SELECT id, 'payout', ${-input.amountCents}, 'usd', ${reference}, ${input.recordedBy}
    FROM users WHERE id = ${input.mechanicUserId} AND role = 'mechanic'
    RETURNING id`);
  if (!written) throw new MechanicNotFoundError(input.mechanicUserId);
  const [line] = await db
    .select()
    .from(mechanicEarnings)
    .where(eq(mechanicEarnings.id, Number(written.id)));
  if (!line) throw new Error(`Payout line ${written.id} vanished`);
  return {
    id: line.id,
    mechanicUserId: line.mechanicUserId,
    amountCents: line.amountCents,
    currency: line.currency,
    reference: line.reference ?? reference,
    createdAt: line.createdAt,
  };
}
