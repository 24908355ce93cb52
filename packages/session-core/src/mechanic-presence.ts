import { fromRow, mechanicPresence, type Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { MechanicNotFoundError } from './errors.ts';
import type { MechanicAvailability } from './queries/mechanic-presence.ts';

/** Switch a mechanic on or off. */
export interface SetMechanicAvailabilityInput {
  mechanicUserId: string;
  online: boolean;
}

/**
 * A mechanic switches themselves on or off: one upsert, `last_seen_at` = now()
 * (and `changed_at` when the switch changed), so every API instance sees it.
 *
 * @throws {MechanicNotFoundError} no such user, or the user is not a mechanic
 */
export async function setMechanicAvailability(
  db: Database,
  input: SetMechanicAvailabilityInput,
): Promise<MechanicAvailability> {
  const [row] = await db.execute<Record<string, unknown>>(sql`
    INSERT INTO mechanic_presence (mechanic_user_id, online, last_seen_at, changed_at)
    SELECT id, ${input.online}, now(), now() FROM users WHERE id = ${input.mechanicUserId} AND role = 'mechanic'
    ON CONFLICT (mechanic_user_id) DO UPDATE SET
      online = excluded.online,
      last_seen_at = now(),
      changed_at = CASE WHEN mechanic_presence.online = excluded.online
                        THEN mechanic_presence.changed_at ELSE now() END
    RETURNING *`);
  if (!row) throw new MechanicNotFoundError(input.mechanicUserId);
  const presence = fromRow(mechanicPresence, row);
  // Just seen: online exactly when switched on.
  return { online: presence.online, lastSeenAt: presence.lastSeenAt };
}

/**
 * The mechanic app is still open: `last_seen_at` = now(). It never switches
 * anyone on: a mechanic who switched off stays off, and one who never switched
 * (no row) stays without one (offline, `lastSeenAt` null).
 */
export async function recordMechanicHeartbeat(
  db: Database,
  mechanicUserId: string,
): Promise<MechanicAvailability> {
  const [row] = await db.execute<Record<string, unknown>>(sql`
    UPDATE mechanic_presence SET last_seen_at = now() WHERE mechanic_user_id = ${mechanicUserId}
    RETURNING *`);
  if (!row) return { online: false, lastSeenAt: null };
  const presence = fromRow(mechanicPresence, row);
  return { online: presence.online, lastSeenAt: presence.lastSeenAt };
}
