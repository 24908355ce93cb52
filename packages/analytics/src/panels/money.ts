import { sql } from 'drizzle-orm';
import {
  BUCKET_COLUMN,
  bucketCtes,
  bucketIndex,
  bucketLabel,
  definePanel,
  rangeFrom,
  rangeTo,
} from '../panel.ts';
import type { ParsedAnalyticsInput } from '../input.ts';
import { cumulativeWindow, liveOutside, MONEY_ROLLUP, rolledTotals, slotOf } from '../rollups.ts';

// Every amount is integer cents of the input's one currency, summed as bigint (never a float).

const measures = sql.join(
  MONEY_ROLLUP.measures.map((m) => sql.identifier(m)),
  sql`, `,
);

/**
 * CTEs `money_window` and `money` (`i` the bucket, `currency`, the money rollup's measures): each
 * bucket's whole quarter-hours from the rollup's running totals (two rows per currency), the rest
 * of the range live.
 */
const moneyFacts = (input: ParsedAnalyticsInput) => sql`
  ${cumulativeWindow(MONEY_ROLLUP, 'money', rangeFrom(input), rangeTo(input))}, money AS (
    ${rolledTotals(
      MONEY_ROLLUP,
      sql`SELECT i, greatest(bucket AT TIME ZONE ${input.timeZone}, w.lo) AS a, least(bucket_end, w.hi) AS b
          FROM buckets CROSS JOIN money_window AS w`,
    )}
    UNION ALL
    SELECT ${bucketIndex(sql`at`)}, currency, ${measures}
    FROM (${liveOutside(MONEY_ROLLUP, 'money', rangeFrom(input), rangeTo(input))}) AS live)`;

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
    WITH ${bucketCtes(input)}, ${moneyFacts(input)}, sums AS (
      SELECT i,
             sum(paid_cents) FILTER (WHERE currency = ${input.currency}) AS paid_cents,
             sum(credit_cents) FILTER (WHERE currency = ${input.currency}) AS credit_cents,
             sum(packs_sold) FILTER (WHERE currency = ${input.currency})::int AS packs_sold,
             sum(packs_cents) FILTER (WHERE currency = ${input.currency}) AS packs_cents,
             -- A refund whose session is unknown ('') counts in every currency, its amount 0.
             sum(refunds)::int AS refunds, sum(refunds_cents) AS refunds_cents
      FROM money WHERE currency IN (${input.currency}, '')
      GROUP BY 1)
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket,
           coalesce(s.paid_cents, 0)::bigint AS paid_cents, coalesce(s.credit_cents, 0)::bigint AS credit_cents,
           coalesce(s.packs_sold, 0) AS packs_sold, coalesce(s.packs_cents, 0)::bigint AS packs_cents,
           coalesce(s.refunds, 0) AS refunds, coalesce(s.refunds_cents, 0)::bigint AS refunds_cents
    FROM buckets AS b LEFT JOIN sums AS s USING (i)
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
    WITH ${bucketCtes(input)}, ${moneyFacts(input)}, sums AS (
      SELECT i, sum(quotes_sent)::int AS sent, sum(sent_cents) AS sent_cents,
             sum(quotes_approved)::int AS approved, sum(approved_cents) AS approved_cents
      FROM money WHERE currency = ${input.currency}
      GROUP BY 1)
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket,
           coalesce(s.sent, 0) AS sent, coalesce(s.sent_cents, 0)::bigint AS sent_cents,
           coalesce(s.approved, 0) AS approved, coalesce(s.approved_cents, 0)::bigint AS approved_cents
    FROM buckets AS b LEFT JOIN sums AS s USING (i)
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
    WITH ${bucketCtes(input)}, ${moneyFacts(input)}, lines AS (
      SELECT i, sum(earned_cents) AS earned, sum(paid_out_cents) AS paid_out,
             sum(earned_cents - paid_out_cents) AS net
      FROM money WHERE currency = ${input.currency}
      GROUP BY 1
    ), opening_point AS (
      -- The totals before the range: the rollup's row at its last boundary by then, the rest live.
      SELECT least(${slotOf('15 minutes', rangeFrom(input))},
                   coalesce((SELECT complete_until FROM analytics_rollups WHERE name = ${MONEY_ROLLUP.name}), '-infinity')) AS p
    ), opening AS (
      SELECT coalesce(sum(earned_cents - paid_out_cents), 0) AS owed FROM (
        ${rolledTotals(MONEY_ROLLUP, sql`SELECT 0 AS i, '-infinity'::timestamptz AS a, p AS b FROM opening_point`)}
        UNION ALL
        SELECT 0, currency, ${measures}
        FROM (${MONEY_ROLLUP.facts(sql`(SELECT p FROM opening_point)`, rangeFrom(input))}) AS live) AS before
      WHERE currency = ${input.currency})
    SELECT ${bucketLabel(input, sql`b.bucket`)} AS bucket,
           coalesce(l.earned, 0)::bigint AS earned_cents, coalesce(l.paid_out, 0)::bigint AS paid_out_cents,
           ((SELECT owed FROM opening) + sum(coalesce(l.net, 0)) OVER (ORDER BY b.i))::bigint AS owed_cents
    FROM buckets AS b LEFT JOIN lines AS l USING (i)
    ORDER BY b.bucket`,
);
