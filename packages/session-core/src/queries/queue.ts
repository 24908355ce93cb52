import { sessionAssignments, sessions, type Database } from '@autodoctor/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Session } from '../types.ts';
import { vehicleOf, type Vehicle, type VehicleColumns } from './vehicle.ts';

/** A queued session as every mechanic sees it: what and since when, not who. */
export interface QueueEntry {
  assignmentId: string;
  sessionId: string;
  sessionType: Session['type'];
  vehicle: Vehicle;
  concern: string;
  /** Since when it waits for a mechanic: its start time when it was scheduled, else its creation. */
  queuedAt: Date;
}

/** The columns of a session a queue entry is made of. */
export type QueueEntryColumns = VehicleColumns &
  Pick<Session, 'id' | 'type' | 'concern' | 'scheduledFor' | 'createdAt'>;

/** The queue entry of a session. */
export function toQueueEntry(source: { assignmentId: string; session: QueueEntryColumns }): QueueEntry {
  const { session } = source;
  return {
    assignmentId: source.assignmentId,
    sessionId: session.id,
    sessionType: session.type,
    vehicle: vehicleOf(session),
    concern: session.concern,
    queuedAt: session.scheduledFor ?? session.createdAt,
  };
}

const queuedAt = sql<Date>`coalesce(${sessions.scheduledFor}, ${sessions.createdAt})`;

/**
 * The mechanic queue: queued assignments of sessions waiting for a mechanic
 * (pending; scheduled ones join when due), oldest first, with how long each
 * has waited (by the database clock).
 */
export async function listQueue(
  db: Database,
  options: { limit: number } = { limit: 200 },
): Promise<(QueueEntry & { waitingSeconds: number })[]> {
  const rows = await db
    .select({
      assignmentId: sessionAssignments.id,
      session: sessions,
      waitingSeconds: sql<number>`greatest(0, extract(epoch FROM now() - ${queuedAt}))::float8`,
    })
    .from(sessionAssignments)
    .innerJoin(sessions, eq(sessions.id, sessionAssignments.sessionId))
    .where(and(eq(sessionAssignments.status, 'queued'), eq(sessions.status, 'pending')))
    .orderBy(asc(queuedAt), asc(sessionAssignments.id))
    .limit(options.limit);
  return rows.map((row) => ({ ...toQueueEntry(row), waitingSeconds: Math.floor(row.waitingSeconds) }));
}
