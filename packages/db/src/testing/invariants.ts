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

/** The same object with every count 0, for `expect(await invariantViolations(db)).toEqual(NO_VIOLATIONS)`. */
export const NO_VIOLATIONS = Object.fromEntries(Object.keys(INVARIANTS).map((name) => [name, 0])) as Record<
  Invariant,
  number
>;
