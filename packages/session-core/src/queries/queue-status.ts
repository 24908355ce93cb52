import type { Database } from '@autodoctor/db';
import { sql } from 'drizzle-orm';
import { onlineMechanicsCount } from './mechanic-presence.ts';
import { getParticipantSession, type Reader } from './participant-sessions.ts';

/** How many recent accepts the estimate is the median of, at most, and how far back they go. */
export const QUEUE_ESTIMATE_SAMPLE = { maxAccepts: 20, withinHours: 24, minAccepts: 3 } as const;

/** Where a customer's session stands in the mechanic queue. */
export interface QueueStatus {
  /** 1-based place in the queue as `listQueue` orders it; null when the session is not in the queue. */
  position: number | null;
  /** How long it has waited in the queue so far (0 when it is not in the queue). */
  waitingSeconds: number;
  /**
   * How much longer it will probably wait: the median wait of recent accepts
   * minus `waitingSeconds`, never below 0. Null when it is not in the queue or
   * fewer than 3 recent accepts exist.
   */
  estimatedWaitSeconds: number | null;
  /** How many accepts the estimate is the median of. */
  estimateSampleSize: number;
  /** How many mechanics are online now (`countOnlineMechanics`). */
  mechanicsOnline: number;
}

/**
 * The queue status of one of a customer's sessions.
 *
 * - `position`: among queued assignments of pending sessions, ordered by when
 *   they entered the queue (`coalesce(scheduled_for, created_at)`, then the
 *   assignment id), exactly as `listQueue` orders them.
 * - The estimate: the median time from entering the queue to being accepted
 *   over the last 20 assignments accepted in the past 24 hours
 *   (`session_assignments.accepted_at`), by the database clock, minus how long
 *   this session has already waited, never below 0; null with fewer than 3.
 *
 * One statement, so position, waiting time and the mechanics online are read from one snapshot.
 *
 * @throws {SessionNotFoundError} no such session
 * @throws {NotAParticipantError} the session is somebody else's
 */
export async function getQueueStatus(db: Database, sessionId: string, reader: Reader): Promise<QueueStatus> {
  await getParticipantSession(db, sessionId, reader);
  const { maxAccepts, withinHours, minAccepts } = QUEUE_ESTIMATE_SAMPLE;
  const [row] = await db.execute<{
    position: number | null;
    waiting_seconds: number | null;
    median_seconds: number | null;
    sample_size: number;
    mechanics_online: number;
  }>(sql`
    WITH queue AS (
      SELECT a.session_id, coalesce(s.scheduled_for, s.created_at) AS queued_at,
             row_number() OVER (ORDER BY coalesce(s.scheduled_for, s.created_at), a.id)::int AS position
      FROM session_assignments a
      JOIN sessions s ON s.id = a.session_id
      WHERE a.status = 'queued' AND s.status = 'pending'
    ), recent AS (
      SELECT greatest(0, extract(epoch FROM a.accepted_at - coalesce(s.scheduled_for, s.created_at)))::float8
               AS wait_seconds
      FROM session_assignments a
      JOIN sessions s ON s.id = a.session_id
      WHERE a.accepted_at IS NOT NULL AND a.accepted_at > now() - make_interval(hours => ${withinHours})
      ORDER BY a.accepted_at DESC
      LIMIT ${maxAccepts}
    )
    SELECT q.position,
           greatest(0, extract(epoch FROM now() - q.queued_at))::float8 AS waiting_seconds,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY wait_seconds) FROM recent)::float8
             AS median_seconds,
           (SELECT count(*) FROM recent)::int AS sample_size,
           (${onlineMechanicsCount(db)}) AS mechanics_online
    FROM (SELECT 1) one
    LEFT JOIN queue q ON q.session_id = ${sessionId}::uuid`);
  const position = row?.position ?? null;
  const waitingSeconds = position === null ? 0 : Math.floor(row?.waiting_seconds ?? 0);
  const sampleSize = row?.sample_size ?? 0;
  const median = row?.median_seconds ?? null;
  return {
    position,
    waitingSeconds,
    estimatedWaitSeconds:
      position !== null && median !== null && sampleSize >= minAccepts
        ? Math.max(0, Math.round(median - waitingSeconds))
        : null,
    estimateSampleSize: sampleSize,
    mechanicsOnline: row?.mechanics_online ?? 0,
  };
}
