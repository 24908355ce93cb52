import { sql } from 'drizzle-orm';
import {
  BUCKET_COLUMN,
  bucketCtes,
  bucketIndex,
  bucketLabel,
  definePanel,
  inRange,
  rangeFrom,
} from '../panel.ts';

// Every amount is integer cents of the input's one currency, summed as bigint (never a float).

/**
 * Revenue per bucket: card payments of paid sessions, the value of credits spent on credit
 * sessions (the pack's price per credit, rounded half up: see session-core's README, "What a credit
 * is worth"), credit packs sold, and card refunds (by when Stripe confirmed them; a refund of a
 * payment that never became a session is counted, its amount unknown here, 0).
 */
export const revenue = definePanel(
  [
    BUCKET_COLUMN,
    { key: 'paid_cents', label: 'Paid sessions', unit: 'cents' },
    { key: 'credit_cents', label: 'Credit sessions', unit: 'cents' },
    { key: 'packs_sold', label: 'Credit packs sold', unit: 'count' },
    { key: 'packs_cents', label: 'Credit pack sales', unit: 'cents' },
    { key: 'refunds', label: 'Refunds', unit: 'count' },
    { key: 'refunds_cents', label: 'Refunded', unit: 'cents' },
  ],
  (input) => sql`
    WITH ${bucketCtes(input)}, sessions_paid AS (
      SELECT ${bucketIndex(sql`s.created_at`)} AS i,
             sum(s.charged_amount_cents::bigint) FILTER (WHERE s.type = 'paid' AND s.currency = ${input.currency}) AS paid_cents,
             sum((cp.amount_cents::bigint * s.charged_credits * 2 + cp.credits) / (2 * cp.credits))
               FILTER (WHERE s.type = 'credit' AND cp.currency = ${input.currency}) AS credit_cents
      FROM sessions AS s LEFT JOIN credit_purchases AS cp ON cp.id = s.credit_purchase_id
      WHERE ${inRange(input, sql`s.created_at`)} AND s.type IN ('paid', 'credit')
      GROUP BY 1
    ), packs AS (
      SELECT ${bucketIndex(sql`completed_at`)} AS i, count(*)::int AS sold, sum(amount_cents::bigint) AS cents
      FROM credit_purchases
      WHERE status = 'completed' AND currency = ${input.currency} AND ${inRange(input, sql`completed_at`)}
      GROUP BY 1
    ), refunds AS (
      SELECT ${bucketIndex(sql`r.refunded_at`)} AS i, count(*)::int AS refunds,
             sum(s.charged_amount_cents::bigint) AS cents
      FROM stripe_refunds AS r LEFT JOIN sessions AS s ON s.id = r.session_id
      WHERE r.refunded_at IS NOT NULL AND ${inRange(input, sql`r.refunded_at`)}
        AND (s.currency IS NULL OR s.currency = ${input.currency})
      GROUP BY 1)
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket,
           coalesce(sp.paid_cents, 0) AS paid_cents, coalesce(sp.credit_cents, 0) AS credit_cents,
           coalesce(p.sold, 0) AS packs_sold, coalesce(p.cents, 0) AS packs_cents,
           coalesce(r.refunds, 0) AS refunds, coalesce(r.cents, 0) AS refunds_cents
    FROM buckets AS b
    LEFT JOIN sessions_paid AS sp USING (i) LEFT JOIN packs AS p USING (i) LEFT JOIN refunds AS r USING (i)
    ORDER BY b.bucket`,
);

/**
 * Repair quotes per bucket: versions sent and their total, and decisions approving some or all
 * lines with the approved total (a decision declining every line approves nothing).
 */
export const quoteFigures = definePanel(
  [
    BUCKET_COLUMN,
    { key: 'sent', label: 'Quotes sent', unit: 'count' },
    { key: 'sent_cents', label: 'Value sent', unit: 'cents' },
    { key: 'approved', label: 'Quotes approved', unit: 'count' },
    { key: 'approved_cents', label: 'Value approved', unit: 'cents' },
  ],
  (input) => sql`
    WITH ${bucketCtes(input)}, sent AS (
      SELECT ${bucketIndex(sql`sent_at`)} AS i, count(*)::int AS n, sum(total_cents::bigint) AS cents
      FROM quotes WHERE sent_at IS NOT NULL AND currency = ${input.currency} AND ${inRange(input, sql`sent_at`)}
      GROUP BY 1
    ), approved AS (
      SELECT ${bucketIndex(sql`d.decided_at`)} AS i, count(*)::int AS n, sum(d.approved_total_cents::bigint) AS cents
      FROM quote_decisions AS d JOIN quotes AS q ON q.id = d.quote_id
      WHERE d.approved_total_cents > 0 AND q.currency = ${input.currency} AND ${inRange(input, sql`d.decided_at`)}
      GROUP BY 1)
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket,
           coalesce(s.n, 0) AS sent, coalesce(s.cents, 0) AS sent_cents,
           coalesce(a.n, 0) AS approved, coalesce(a.cents, 0) AS approved_cents
    FROM buckets AS b LEFT JOIN sent AS s USING (i) LEFT JOIN approved AS a USING (i)
    ORDER BY b.bucket`,
);

/**
 * Mechanics' earnings per bucket (all mechanics): earned (referral fees and quote bonuses), paid
 * out, and owed at the bucket's end (every line up to then: the sum of the balances).
 */
export const earnings = definePanel(
  [
    BUCKET_COLUMN,
    { key: 'earned_cents', label: 'Earned', unit: 'cents' },
    { key: 'paid_out_cents', label: 'Paid out', unit: 'cents' },
    { key: 'owed_cents', label: 'Owed at bucket end', unit: 'cents' },
  ],
  (input) => sql`
    WITH ${bucketCtes(input)}, lines AS (
      SELECT ${bucketIndex(sql`created_at`)} AS i,
             sum(amount_cents::bigint) FILTER (WHERE kind <> 'payout') AS earned,
             -sum(amount_cents::bigint) FILTER (WHERE kind = 'payout') AS paid_out,
             sum(amount_cents::bigint) AS net
      FROM mechanic_earnings WHERE currency = ${input.currency} AND ${inRange(input, sql`created_at`)}
      GROUP BY 1
    ), opening AS (
      SELECT coalesce(sum(amount_cents::bigint), 0) AS owed
      FROM mechanic_earnings WHERE currency = ${input.currency} AND created_at < ${rangeFrom(input)})
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket,
           coalesce(l.earned, 0) AS earned_cents, coalesce(l.paid_out, 0) AS paid_out_cents,
           ((SELECT owed FROM opening) + sum(coalesce(l.net, 0)) OVER (ORDER BY b.i))::bigint AS owed_cents
    FROM buckets AS b LEFT JOIN lines AS l USING (i)
    ORDER BY b.bucket`,
);
