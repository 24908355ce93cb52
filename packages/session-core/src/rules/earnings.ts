import { EARNING_KIND_VALUES } from '@autodoctor/db/enum-values';
import { divideRoundHalfEven, shareOfCents, BPS_PER_WHOLE } from './money.ts';

/** Why a mechanic's earnings changed (`mechanic_earnings.kind`). */
export const EARNING_KINDS = EARNING_KIND_VALUES;
export type EarningKind = (typeof EARNING_KINDS)[number];

/**
 * The design note's two rates, in basis points: the one place they are written.
 * - referral fee: 2 % of what the customer paid for a session, to its mechanic, on live → ended;
 * - escalation bonus: 5 % of a quote's approved total, to the mechanic who wrote it, on approval.
 */
export const EARNING_RATES_BPS = {
  referral_fee: 200,
  quote_bonus: 500,
} as const satisfies Record<Exclude<EarningKind, 'payout'>, number>;

/** The referral fee on a session paid `paidCents` (rounded half-even to the cent). */
export function referralFeeCents(paidCents: number): number {
  return shareOfCents(paidCents, EARNING_RATES_BPS.referral_fee);
}

/** The escalation bonus on a quote whose approved total is `approvedTotalCents`. */
export function quoteBonusCents(approvedTotalCents: number): number {
  return shareOfCents(approvedTotalCents, EARNING_RATES_BPS.quote_bonus);
}

/**
 * What one credit of a pack is worth: the pack's price over its credits, and the
 * referral fee on a session paid with `credits` of them. The fee is rounded once,
 * from the exact fraction (price × credits × rate / (pack credits × 10,000)), so a
 * pack whose price does not divide by its credits loses no extra cent.
 */
export function creditWorth(pack: { amountCents: number; credits: number }, credits = 1) {
  return {
    worthCents: divideRoundHalfEven(pack.amountCents * credits, pack.credits),
    referralFeeCents: divideRoundHalfEven(
      pack.amountCents * credits * EARNING_RATES_BPS.referral_fee,
      pack.credits * BPS_PER_WHOLE,
    ),
  };
}

/** The largest payout one line records ($1,000,000): a typo, not a payout, beyond it. */
export const PAYOUT_MAX_CENTS = 100_000_000;
/** The longest payout reference (a bank transfer's id, a note). */
export const PAYOUT_REFERENCE_MAX = 200;
