import { sessionAssignments, sessions, type Database } from '@autodoctor/db';
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Session } from '../types.ts';
import { vehicleOf, type Vehicle } from './vehicle.ts';

/** A scheduled session as every mechanic sees it before it comes due: what and when, not who. */
export interface UpcomingEntry {
  assignmentId: string;
  sessionId: string;
  sessionType: Session['type'];
  vehicle: Vehicle;
  concern: string;
  scheduledFor: Date;
}

/**
 * Scheduled sessions with a queued assignment, soonest first: they enter the
 * queue when due (`promote_due_scheduled_sessions()`). No customer identity.
 */
export async function listUpcomingSessions(
  db: Database,
  options: { limit: number } = { limit: 100 },
): Promise<UpcomingEntry[]> {
  const rows = await db
    .select({ assignmentId: sessionAssignments.id, session: sessions })
    .from(sessionAssignments)
    .innerJoin(sessions, eq(sessions.id, sessionAssignments.sessionId))
    .where(
      and(
        eq(sessionAssignments.status, 'queued'),
        eq(sessions.status, 'scheduled'),
        isNotNull(sessions.scheduledFor),
      ),
    )
    .orderBy(asc(sessions.scheduledFor), asc(sessionAssignments.id))
    .limit(options.limit);
  return rows.map(({ assignmentId, session }) => ({
    assignmentId,
    sessionId: session.id,
    sessionType: session.type,
    vehicle: vehicleOf(session),
    concern: session.concern,
    scheduledFor: session.scheduledFor!,
  }));
}
