import {
  authAccounts,
  mechanicEarnings,
  mechanicPresence,
  sessionParticipants,
  users,
  type Database,
} from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { isOnlineNow } from './mechanic-presence.ts';

/**
 * Where a mechanic is now, as the operations console lists them: in a session (`busy`), switched
 * on and seen lately (`online`), `offline`, `invited` (no password chosen yet), or `disabled` by an
 * operator (no sign-in, no accept).
 */
export type MechanicRosterStatus = 'busy' | 'online' | 'offline' | 'invited' | 'disabled';

/** One mechanic of the roster. */
export interface MechanicRosterEntry {
  id: string;
  name: string;
  email: string;
  status: MechanicRosterStatus;
  /** The last switch or heartbeat of the mechanic app; null when never seen. */
  lastSeenAt: Date | null;
  /** The session they are in (accepted or live), if any. */
  activeSessionId: string | null;
  /** What AutoDoctor owes them: the sum of their earnings lines, integer cents (payouts are negative). */
  balanceCents: number;
  joinedAt: Date;
  /** When an operator disabled the account; null while it is enabled. */
  disabledAt: Date | null;
}

/** The most mechanics one roster lists (a size limit: the console pages nothing yet). */
export const MECHANIC_ROSTER_LIMIT = 1000;

/**
 * Every mechanic with their status now (by the database clock) and their balance, by name: one
 * query, for the operations console.
 */
export async function listMechanicRoster(db: Database): Promise<MechanicRosterEntry[]> {
  const rows = await db.execute<{
    id: string;
    name: string;
    email: string;
    joined_at: string;
    last_seen_at: string | null;
    online: boolean | null;
    active_session_id: string | null;
    balance_cents: string;
    has_login: boolean;
    disabled_at: string | null;
  }>(sql`
    SELECT u.id, u.name, u.email, u.created_at AS joined_at, u.disabled_at, mechanic_presence.last_seen_at, ${isOnlineNow} AS online,
           (SELECT sp.session_id FROM ${sessionParticipants} AS sp
            WHERE sp.user_id = u.id AND sp.role = 'mechanic' AND sp.left_at IS NULL LIMIT 1) AS active_session_id,
           (SELECT coalesce(sum(e.amount_cents), 0) FROM ${mechanicEarnings} AS e
            WHERE e.mechanic_user_id = u.id)::bigint AS balance_cents,
           EXISTS (SELECT FROM ${authAccounts} AS a WHERE a.user_id = u.id) AS has_login
    FROM ${users} AS u LEFT JOIN ${mechanicPresence} ON mechanic_presence.mechanic_user_id = u.id
    WHERE u.role = 'mechanic' AND u.deleted_at IS NULL
    ORDER BY u.name, u.id
    LIMIT ${MECHANIC_ROSTER_LIMIT}`);
  return [...rows].map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    status: statusOf(row),
    lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at) : null,
    activeSessionId: row.active_session_id,
    balanceCents: Number(row.balance_cents),
    joinedAt: new Date(row.joined_at),
    disabledAt: row.disabled_at ? new Date(row.disabled_at) : null,
  }));
}

function statusOf(row: {
  disabled_at: string | null;
  has_login: boolean;
  active_session_id: string | null;
  online: boolean | null;
}): MechanicRosterStatus {
  if (row.disabled_at) return 'disabled';
  if (!row.has_login) return 'invited';
  if (row.active_session_id) return 'busy';
  return row.online ? 'online' : 'offline';
}
