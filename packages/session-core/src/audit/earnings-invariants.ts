import type { Database } from '@autodoctor/db';
import { sql, type SQL } from 'drizzle-orm';
import { EARNING_RATES_BPS } from '../rules/earnings.ts';
import { BPS_PER_WHOLE } from '../rules/money.ts';

/** `n / d` rounded half-even, in SQL, for n ≥ 0 and d > 0 (the reference of rules/money.ts). */
const halfEven = (n: SQL, d: SQL) => sql`
  CASE WHEN 2 * ((${n})::bigint % (${d})::bigint) > (${d})::bigint
         OR (2 * ((${n})::bigint % (${d})::bigint) = (${d})::bigint AND ((${n})::bigint / (${d})::bigint) % 2 = 1)
       THEN (${n})::bigint / (${d})::bigint + 1
       ELSE (${n})::bigint / (${d})::bigint END`;

const referralRate = sql.raw(String(EARNING_RATES_BPS.referral_fee));
const bonusRate = sql.raw(String(EARNING_RATES_BPS.quote_bonus));
const whole = sql.raw(String(BPS_PER_WHOLE));

/**
 * What each ended session with a mechanic owes its mechanic, recomputed in SQL from the payment
 * itself: 2 % of the card charge, or of the worth of the credit's pack; nothing for a free session,
 * a granted credit or a session with a refund.
 */
const owedReferrals = sql`
  SELECT s.id AS session_id, a.mechanic_user_id,
    CASE
      WHEN EXISTS (SELECT 1 FROM stripe_refunds r
                   WHERE r.session_id = s.id OR r.stripe_checkout_session_id = s.stripe_checkout_session_id)
        OR EXISTS (SELECT 1 FROM credit_ledger l WHERE l.session_id = s.id AND l.reason = 'session_refund') THEN 0
      WHEN s.type = 'paid' THEN ${halfEven(sql`s.charged_amount_cents * ${referralRate}`, whole)}
      WHEN s.type = 'credit' AND p.id IS NOT NULL
        THEN ${halfEven(sql`p.amount_cents::bigint * s.charged_credits * ${referralRate}`, sql`p.credits * ${whole}`)}
      ELSE 0
    END AS owed
  FROM sessions s
  JOIN session_assignments a ON a.session_id = s.id AND a.mechanic_user_id IS NOT NULL
  LEFT JOIN credit_purchases p ON p.id = s.credit_purchase_id
  WHERE s.status = 'ended'`;

/** Each approved quote version's bonus: 5 % of its approved total, to the mechanic who wrote it. */
const owedBonuses = sql`
  SELECT q.id AS quote_id, q.mechanic_user_id,
    ${halfEven(sql`d.approved_total_cents * ${bonusRate}`, whole)} AS owed
  FROM quotes q JOIN quote_decisions d ON d.quote_id = q.id
  WHERE q.status = 'approved'`;

/**
 * The earnings ledger's rules, each counting its violations (all zeros when sound): every ended
 * session that was paid for has exactly one referral line of the right amount to its mechanic (and
 * one owing nothing has none); every approved quote exactly one bonus line of the right amount to
 * its author; no line for anything else; an approved quote's total is the sum of its approved lines.
 */
const EARNINGS_INVARIANTS = {
  referral_fee_missing_repeated_or_wrong: sql`
    SELECT count(*)::int AS n FROM (${owedReferrals}) o
    WHERE (SELECT count(*) FROM mechanic_earnings e WHERE e.kind = 'referral_fee' AND e.session_id = o.session_id)
        <> (CASE WHEN o.owed > 0 THEN 1 ELSE 0 END)
       OR EXISTS (SELECT 1 FROM mechanic_earnings e WHERE e.kind = 'referral_fee' AND e.session_id = o.session_id
                  AND (e.amount_cents <> o.owed OR e.mechanic_user_id <> o.mechanic_user_id))`,
  referral_fee_for_a_session_not_ended: sql`
    SELECT count(*)::int AS n FROM mechanic_earnings e JOIN sessions s ON s.id = e.session_id
    WHERE e.kind = 'referral_fee' AND s.status <> 'ended'`,
  quote_bonus_missing_repeated_or_wrong: sql`
    SELECT count(*)::int AS n FROM (${owedBonuses}) o
    WHERE (SELECT count(*) FROM mechanic_earnings e WHERE e.kind = 'quote_bonus' AND e.quote_id = o.quote_id)
        <> (CASE WHEN o.owed > 0 THEN 1 ELSE 0 END)
       OR EXISTS (SELECT 1 FROM mechanic_earnings e WHERE e.kind = 'quote_bonus' AND e.quote_id = o.quote_id
                  AND (e.amount_cents <> o.owed OR e.mechanic_user_id <> o.mechanic_user_id))`,
  quote_bonus_for_a_quote_not_approved: sql`
    SELECT count(*)::int AS n FROM mechanic_earnings e JOIN quotes q ON q.id = e.quote_id
    WHERE e.kind = 'quote_bonus' AND q.status <> 'approved'`,
  approved_total_differs_from_approved_lines: sql`
    SELECT count(*)::int AS n FROM quote_decisions d
    WHERE d.approved_total_cents <> coalesce((
      SELECT sum(l.total_cents) FROM quote_line_decisions ld JOIN quote_lines l ON l.id = ld.line_id
      WHERE ld.quote_id = d.quote_id AND ld.approved), 0)`,
  quote_decided_without_every_line: sql`
    SELECT count(*)::int AS n FROM quote_decisions d
    WHERE (SELECT count(*) FROM quote_line_decisions ld WHERE ld.quote_id = d.quote_id)
       <> (SELECT count(*) FROM quote_lines l WHERE l.quote_id = d.quote_id)`,
  quote_with_two_open_versions_sent: sql`
    SELECT count(*)::int AS n FROM (
      SELECT series_id FROM quotes WHERE status = 'sent' GROUP BY series_id HAVING count(*) > 1) x`,
} as const;

export type EarningsInvariant = keyof typeof EARNINGS_INVARIANTS;

/** Each earnings invariant with its count of violations (bench:load and tests check them). */
export async function earningsInvariantViolations(db: Database): Promise<Record<EarningsInvariant, number>> {
  const counts = {} as Record<EarningsInvariant, number>;
  for (const [name, query] of Object.entries(EARNINGS_INVARIANTS)) {
    const [row] = await db.execute<{ n: number }>(query);
    counts[name as EarningsInvariant] = row!.n;
  }
  return counts;
}

/** Every earnings invariant at 0: `expect(await earningsInvariantViolations(db)).toEqual(NO_EARNINGS_VIOLATIONS)`. */
export const NO_EARNINGS_VIOLATIONS = Object.fromEntries(
  Object.keys(EARNINGS_INVARIANTS).map((name) => [name, 0]),
) as Record<EarningsInvariant, number>;
