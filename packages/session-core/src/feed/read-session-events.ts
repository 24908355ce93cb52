import { sessionAssignments, sessionEvents, sessions, users, type Database } from '@autodoctor/db';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { STATUS_AFTER_EVENT, type SessionEventType } from '../rules/events.ts';
import type { SessionStatus } from '../rules/statuses.ts';
import type { QueueEntryColumns } from '../queries/queue.ts';
import type { Session } from '../types.ts';
import type { FeedPosition } from './feed-position.ts';

/** A committed session event with what the realtime feeds need to route and show it. */
export interface FeedEvent {
  id: number;
  position: FeedPosition;
  type: SessionEventType;
  sessionId: string;
  /** Status before the event (absent for `created`). */
  from: SessionStatus | undefined;
  /** Status after the event. */
  to: SessionStatus;
  actorUserId: string | null;
  createdAt: Date;
  /** The session as it is now (who may see the event, and what a queue entry shows). */
  session: QueueEntryColumns & Pick<Session, 'customerUserId'>;
  assignment: { id: string; createdAt: Date; mechanicUserId: string | null } | null;
  /**
   * The accepting mechanic's name, on the accept event and every event after it
   * (null before: the same answer whenever the event is read).
   */
  mechanicName: string | null;
  /** The quote version a quote event is about (payload `quoteId`); null for other events. */
  quoteId: string | null;
}

// Everything up to the oldest transaction still running is final: a
// transaction that commits later has an id at least that large.
const settled = sql`${sessionEvents.txId} < pg_snapshot_xmin(pg_current_snapshot())`;

const after = (position: FeedPosition) =>
  sql`(${sessionEvents.txId}, ${sessionEvents.id}) > (${position.txId}::xid8, ${position.id}::bigint)`;

/** The feed position before any event not yet settled: where a new reader starts. */
export async function currentFeedPosition(db: Database): Promise<FeedPosition> {
  const [row] = await db.execute<{ tx_id: string }>(
    sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS tx_id`,
  );
  return { txId: row!.tx_id, id: 0 };
}

/** The position of event `eventId`, or undefined when there is no such event. */
export async function positionOfEvent(db: Database, eventId: number): Promise<FeedPosition | undefined> {
  const [row] = await db
    .select({ txId: sql<string>`${sessionEvents.txId}::text`, id: sessionEvents.id })
    .from(sessionEvents)
    .where(eq(sessionEvents.id, eventId));
  return row;
}

/** The last settled event of a session, or of all sessions: a starting point for a feed. */
export async function lastSettledEventId(db: Database, sessionId?: string): Promise<number | null> {
  const [row] = await db
    .select({ id: sessionEvents.id })
    .from(sessionEvents)
    .where(sessionId ? and(settled, eq(sessionEvents.sessionId, sessionId)) : settled)
    .orderBy(sql`${sessionEvents.txId} DESC`, sql`${sessionEvents.id} DESC`)
    .limit(1);
  return row?.id ?? null;
}

export interface ReadSessionEventsOptions {
  /** Only events after this position (all events when absent). */
  after?: FeedPosition | undefined;
  /** Only this session's events. */
  sessionId?: string | undefined;
  /** At most this many (default 500). */
  limit?: number;
}

/**
 * Settled session events in feed order: what a feed delivers, and what a
 * reconnecting subscriber missed since its last event.
 */
export async function readSessionEvents(
  db: Database,
  options: ReadSessionEventsOptions = {},
): Promise<FeedEvent[]> {
  const conditions: SQL[] = [settled];
  if (options.after) conditions.push(after(options.after));
  if (options.sessionId) conditions.push(eq(sessionEvents.sessionId, options.sessionId));
  const rows = await db
    .select({
      id: sessionEvents.id,
      txId: sql<string>`${sessionEvents.txId}::text`,
      type: sessionEvents.type,
      sessionId: sessionEvents.sessionId,
      actorUserId: sessionEvents.actorUserId,
      payload: sessionEvents.payload,
      createdAt: sessionEvents.createdAt,
      session: {
        id: sessions.id,
        customerUserId: sessions.customerUserId,
        type: sessions.type,
        vehicleYear: sessions.vehicleYear,
        vehicleMake: sessions.vehicleMake,
        vehicleModel: sessions.vehicleModel,
        vehicleVin: sessions.vehicleVin,
        concern: sessions.concern,
        scheduledFor: sessions.scheduledFor,
        createdAt: sessions.createdAt,
      },
      assignment: {
        id: sessionAssignments.id,
        createdAt: sessionAssignments.createdAt,
        mechanicUserId: sessionAssignments.mechanicUserId,
      },
      // The accept and its event share a transaction, hence the same now().
      mechanicName: sql<
        string | null
      >`CASE WHEN ${sessionAssignments.acceptedAt} <= ${sessionEvents.createdAt} THEN ${users.name} END`,
    })
    .from(sessionEvents)
    .innerJoin(sessions, eq(sessions.id, sessionEvents.sessionId))
    .leftJoin(sessionAssignments, eq(sessionAssignments.sessionId, sessionEvents.sessionId))
    .leftJoin(users, eq(users.id, sessionAssignments.mechanicUserId))
    .where(and(...conditions))
    .orderBy(asc(sessionEvents.txId), asc(sessionEvents.id))
    .limit(options.limit ?? 500);
  return rows.map(({ txId, payload, assignment, ...event }) => ({
    ...event,
    position: { txId, id: event.id },
    from: payload.from as SessionStatus | undefined,
    to: STATUS_AFTER_EVENT[event.type] ?? (payload.status as SessionStatus),
    quoteId: typeof payload.quoteId === 'string' ? payload.quoteId : null,
    assignment: assignment?.id ? assignment : null,
  }));
}
