import { mechanicPresence, users, type Database } from '@autodoctor/db';
import { and, eq, sql } from 'drizzle-orm';
import { MECHANIC_PRESENCE } from '../rules/presence.ts';

/** A mechanic's availability as everyone else sees it. */
export interface MechanicAvailability {
  /** Switched on and seen within `MECHANIC_PRESENCE.offlineAfterSeconds` (a stale heartbeat reads as offline). */
  online: boolean;
  /** The last switch or heartbeat; null when the mechanic never switched on or off. */
  lastSeenAt: Date | null;
}

/** Whether a presence row counts as online now, by the database clock: the one place this is decided. */
export const isOnlineNow = sql<boolean>`(${mechanicPresence.online} AND ${mechanicPresence.lastSeenAt} > now() - make_interval(secs => ${MECHANIC_PRESENCE.offlineAfterSeconds}))`;

/** A mechanic's availability now. */
export async function getMechanicAvailability(
  db: Database,
  mechanicUserId: string,
): Promise<MechanicAvailability> {
  const [row] = await db
    .select({ online: isOnlineNow, lastSeenAt: mechanicPresence.lastSeenAt })
    .from(mechanicPresence)
    .where(eq(mechanicPresence.mechanicUserId, mechanicUserId));
  return row ? { online: row.online, lastSeenAt: row.lastSeenAt } : { online: false, lastSeenAt: null };
}

/** The query counting mechanics online now (a subquery of other reads, or run on its own). */
export function onlineMechanicsCount(db: Database) {
  return db
    .select({ count: sql<number>`count(*)::int`.as('count') })
    .from(mechanicPresence)
    .innerJoin(users, and(eq(users.id, mechanicPresence.mechanicUserId), eq(users.role, 'mechanic')))
    .where(isOnlineNow);
}

/** How many mechanics are online now (what customers are shown). */
export async function countOnlineMechanics(db: Database): Promise<number> {
  const [row] = await onlineMechanicsCount(db);
  return row?.count ?? 0;
}
