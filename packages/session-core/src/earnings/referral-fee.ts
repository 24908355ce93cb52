import { mechanicEarnings, type Transaction } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { creditWorth, EARNING_RATES_BPS, referralFeeCents } from '../rules/earnings.ts';
import type { Session } from '../types.ts';

/** What a session's referral fee is a share of, and the fee; undefined when nothing is owed. */
export interface ReferralFee {
  basisCents: number;
  feeCents: number;
  currency: string;
}

/** The facts of an ending session the fee depends on (read in the ending transaction). */
export interface ReferralFacts {
  session: Pick<Session, 'type' | 'chargedAmountCents' | 'chargedCredits' | 'currency'>;
  /** The pack the session's credit came from (`sessions.credit_purchase_id`); null: granted, or not a credit session. */
  pack: { amountCents: number; credits: number; currency: string } | null;
  /** A card refund (`stripe_refunds`) or a credit refund (`session_refund` in the ledger) exists. */
  refunded: boolean;
}

/**
 * The referral fee a session owes its mechanic: 2 % of what was paid for it. Card: the amount
 * charged. Credit: what the credit cost in its pack (`creditWorth`, rounded once). Free, a granted
 * credit (no pack), a refunded session, or a fee that rounds to 0: nothing (no line is written).
 */
export function referralFeeOf({ session, pack, refunded }: ReferralFacts): ReferralFee | undefined {
  if (refunded) return undefined;
  let fee: ReferralFee | undefined;
  if (session.type === 'paid') {
    const basisCents = session.chargedAmountCents;
    fee = { basisCents, feeCents: referralFeeCents(basisCents), currency: session.currency ?? 'usd' };
  } else if (session.type === 'credit' && pack && session.chargedCredits > 0) {
    const worth = creditWorth(pack, session.chargedCredits);
    fee = { basisCents: worth.worthCents, feeCents: worth.referralFeeCents, currency: pack.currency };
  }
  return fee && fee.feeCents > 0 ? fee : undefined;
}

/**
 * Writes an ended session's referral fee line inside the ending transaction (after the move to
 * `ended`, which only one transaction can make). `uq_mechanic_earnings_referral` with
 * `ON CONFLICT DO NOTHING` keeps it to one line per session whatever happens.
 *
 * @returns the line's amount, or 0 when nothing is owed (or the line already existed)
 */
export async function writeReferralFee(tx: Transaction, session: Session): Promise<number> {
  const [facts] = await tx.execute<{
    mechanic_user_id: string | null;
    pack_amount_cents: number | null;
    pack_credits: number | null;
    pack_currency: string | null;
    refunded: boolean;
  }>(sql`
    SELECT
      (SELECT mechanic_user_id FROM session_assignments
        WHERE session_id = s.id AND status = 'accepted') AS mechanic_user_id,
      p.amount_cents AS pack_amount_cents, p.credits AS pack_credits, p.currency AS pack_currency,
      EXISTS (SELECT 1 FROM stripe_refunds r
              WHERE r.session_id = s.id OR r.stripe_checkout_session_id = s.stripe_checkout_session_id)
        OR EXISTS (SELECT 1 FROM credit_ledger l WHERE l.session_id = s.id AND l.reason = 'session_refund')
        AS refunded
    FROM sessions s
    LEFT JOIN credit_purchases p ON p.id = s.credit_purchase_id
    WHERE s.id = ${session.id}`);
  if (!facts?.mechanic_user_id) return 0;
  const pack =
    facts.pack_amount_cents === null || facts.pack_credits === null
      ? null
      : {
          amountCents: facts.pack_amount_cents,
          credits: facts.pack_credits,
          currency: facts.pack_currency ?? 'usd',
        };
  const fee = referralFeeOf({ session, pack, refunded: facts.refunded });
  if (!fee) return 0;
  const written = await tx
    .insert(mechanicEarnings)
    .values({
      mechanicUserId: facts.mechanic_user_id,
      kind: 'referral_fee',
      amountCents: fee.feeCents,
      currency: fee.currency,
      sessionId: session.id,
      basisCents: fee.basisCents,
      rateBps: EARNING_RATES_BPS.referral_fee,
    })
    .onConflictDoNothing({
      target: mechanicEarnings.sessionId,
      where: sql`${sql.identifier('kind')} = 'referral_fee'`,
    })
    .returning({ amountCents: mechanicEarnings.amountCents });
  return written[0]?.amountCents ?? 0;
}
