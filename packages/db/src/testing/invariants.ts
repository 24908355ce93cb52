import { sql } from 'drizzle-orm';
import type { Database } from '../client.ts';

/**
 * The rules every state of the database keeps, each as a query counting its
 * violations (issue 9's list). The constraints enforce some of them already;
 * they are counted anyway, so a dropped constraint would show.
 */
const INVARIANTS = {
  session_without_customer_participant: sql`
    SELECT count(*)::int AS n FROM sessions s WHERE NOT EXISTS (
      SELECT 1 FROM session_participants p
      WHERE p.session_id = s.id AND p.role = 'customer' AND p.user_id = s.customer_user_id)`,
  session_without_assignment: sql`
    SELECT count(*)::int AS n FROM sessions s
    WHERE NOT EXISTS (SELECT 1 FROM session_assignments a WHERE a.session_id = s.id)`,
  session_without_created_event: sql`
    SELECT count(*)::int AS n FROM sessions s WHERE NOT EXISTS (
      SELECT 1 FROM session_events e WHERE e.session_id = s.id AND e.type = 'created')`,
  customer_with_two_active_sessions: sql`
    SELECT count(*)::int AS n FROM (
      SELECT customer_user_id FROM sessions WHERE status IN ('pending', 'waiting', 'live', 'scheduled')
      GROUP BY customer_user_id HAVING count(*) > 1) x`,
  session_accepted_twice: sql`
    SELECT count(*)::int AS n FROM (
      SELECT s.id FROM sessions s
      LEFT JOIN session_assignments a ON a.session_id = s.id AND a.status = 'accepted'
      LEFT JOIN session_events e ON e.session_id = s.id AND e.type = 'assignment_accepted'
      GROUP BY s.id HAVING count(DISTINCT a.id) > 1 OR count(DISTINCT e.id) > 1
        OR (SELECT count(*) FROM session_participants p WHERE p.session_id = s.id AND p.role = 'mechanic') > 1) x`,
  mechanic_with_two_active_sessions: sql`
    SELECT count(*)::int AS n FROM (
      SELECT p.user_id FROM session_participants p JOIN sessions s ON s.id = p.session_id
      WHERE p.role = 'mechanic' AND p.left_at IS NULL AND s.status IN ('pending', 'waiting', 'live', 'scheduled')
      GROUP BY p.user_id HAVING count(*) > 1) x`,
  balance_differs_from_ledger: sql`
    SELECT count(*)::int AS n FROM customer_credits c
    WHERE c.balance <> coalesce((SELECT sum(l.delta) FROM credit_ledger l WHERE l.customer_user_id = c.customer_user_id), 0)`,
  presence_of_non_mechanic: sql`
    SELECT count(*)::int AS n FROM mechanic_presence p JOIN users u ON u.id = p.mechanic_user_id
    WHERE u.role <> 'mechanic'`,
} as const;

export type Invariant = keyof typeof INVARIANTS;

/** Each invariant with its count of violations: all zeros when the database is sound. */
export async function invariantViolations(db: Database): Promise<Record<Invariant, number>> {
  const counts = {} as Record<Invariant, number>;
  for (const [name, query] of Object.entries(INVARIANTS) as [Invariant, (typeof INVARIANTS)[Invariant]][]) {
    const [row] = await db.execute<{ n: number }>(query);
    counts[name] = row!.n;
  }
  return counts;
}

/**
 * The card payments' rules, counted apart: tests and property tests make paid sessions without a
 * checkout of ours. A paid session was made from one checkout intent of its customer (the webhook
 * of a completed checkout), none was refunded twice, each cancelled or expired before any mechanic
 * accepted it has its refund owed recorded, and (`settled`: once the refund worker has caught up)
 * every refund owed was paid.
 */
const PAYMENT_INVARIANTS = {
  paid_session_without_its_checkout: sql`
    SELECT count(*)::int AS n FROM sessions s WHERE s.type = 'paid' AND NOT EXISTS (
      SELECT 1 FROM checkout_intents i
      WHERE i.stripe_checkout_session_id = s.stripe_checkout_session_id AND i.customer_user_id = s.customer_user_id)`,
  paid_session_refunded_twice: sql`
    SELECT count(*)::int AS n FROM (
      SELECT session_id FROM stripe_refunds WHERE session_id IS NOT NULL
      GROUP BY session_id HAVING count(*) > 1) x`,
  refund_owed_not_recorded: sql`
    SELECT count(*)::int AS n FROM sessions s
    WHERE s.type = 'paid' AND s.status IN ('cancelled', 'expired') AND s.accepted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM stripe_refunds r WHERE r.stripe_checkout_session_id = s.stripe_checkout_session_id)`,
} as const;
const SETTLED_PAYMENT_INVARIANTS = {
  refund_owed_unpaid: sql`
    SELECT count(*)::int AS n FROM stripe_refunds WHERE stripe_refund_id IS NULL OR refunded_at IS NULL`,
} as const;

export type PaymentInvariant = keyof typeof PAYMENT_INVARIANTS | keyof typeof SETTLED_PAYMENT_INVARIANTS;

/** The payment rules with their counts of violations; `settled` adds "every refund owed was paid". */
export async function paymentInvariantViolations(
  db: Database,
  options: { settled?: boolean } = {},
): Promise<Partial<Record<PaymentInvariant, number>>> {
  const counts: Partial<Record<PaymentInvariant, number>> = {};
  const queries = { ...PAYMENT_INVARIANTS, ...(options.settled ? SETTLED_PAYMENT_INVARIANTS : {}) };
  for (const [name, query] of Object.entries(queries)) {
    const [row] = await db.execute<{ n: number }>(query);
    counts[name as PaymentInvariant] = row!.n;
  }
  return counts;
}

/** The same object with every count 0, for `expect(await invariantViolations(db)).toEqual(NO_VIOLATIONS)`. */
export const NO_VIOLATIONS = Object.fromEntries(Object.keys(INVARIANTS).map((name) => [name, 0])) as Record<
  Invariant,
  number
>;
