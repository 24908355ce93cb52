import type { Transaction } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { MECHANIC_PRESENCE } from '@autodoctor/session-core';
import type { Logger } from '../logger.ts';
import { deliverPushes, type PushTarget } from './deliver.ts';
import type { PushDelivery, PushMessage, PushSender, StoredSubscription } from './push-sender.ts';

/**
 * How a new-sessions summary travels: one topic, so a push service holding an undelivered summary
 * for a device that is offline replaces it with the next (the device gets one, not a flood); high
 * urgency (a customer is waiting); kept half an hour (older news is in the queue anyway).
 */
export const NEW_SESSIONS_DELIVERY: PushDelivery = {
  topic: 'new-sessions',
  ttlSeconds: 1800,
  urgency: 'high',
};

/** Where a click on the notification leads: the queue (the mechanic app's home). */
export const QUEUE_PATH = '/';

interface NewsRow extends Record<string, unknown> {
  mechanic_user_id: string;
  count: number;
  oldest_waiting_seconds: number;
  newest_vehicle: string;
  /** As text: microseconds survive the round trip (the undo compares them exactly). */
  previous: string;
  notified_through: string;
  subscriptions: StoredSubscription[];
}

/** The summary a mechanic gets: how many, how long the oldest has waited, the newest's vehicle. */
export function newSessionsMessage(news: {
  count: number;
  oldestWaitingSeconds: number;
  newestVehicle: string;
}): PushMessage {
  const minutes = Math.floor(news.oldestWaitingSeconds / 60);
  const waited = minutes < 1 ? 'just now' : `oldest ${minutes} min`;
  return {
    kind: 'new_session',
    title:
      news.count === 1 ? `A session is waiting (${waited})` : `${news.count} sessions waiting — ${waited}`,
    body: news.count === 1 ? news.newestVehicle : `Newest: ${news.newestVehicle}`,
    tag: 'new-sessions',
    url: QUEUE_PATH,
  };
}

/**
 * The scheduler's new-sessions job (leader-only: it runs in the scheduler's claimed transaction).
 * One statement finds every mechanic who chose "available" but has no tab open (no heartbeat within
 * `MECHANIC_PRESENCE.offlineAfterSeconds`), has a subscription and has not turned `new_session`
 * off, and for whom queued sessions entered the queue after what they last saw — the later of
 * their last push (`notified_through`) and their last heartbeat (the open tab showed the queue) —
 * and moves each one's `notified_through` to the newest of those sessions, conditionally (a second
 * leader or a retry finds nothing left to send). Then one summary per mechanic goes to each of
 * their devices. A mechanic none of whose devices took it gets the old `notified_through` back (in
 * the same transaction) and is tried again next round. Returns the number of pushes delivered.
 */
export async function pushNewSessions(tx: Transaction, sender: PushSender, log: Logger): Promise<number> {
  const rows = await tx.execute<NewsRow>(sql`
    WITH eligible AS (
      SELECT p.mechanic_user_id,
             st.notified_through AS previous,
             greatest(coalesce(st.notified_through, '-infinity'), p.last_seen_at) AS seen_through
      FROM mechanic_presence p
      JOIN users u ON u.id = p.mechanic_user_id AND u.role = 'mechanic' AND u.deleted_at IS NULL
      LEFT JOIN mechanic_push_state st ON st.mechanic_user_id = p.mechanic_user_id
      WHERE p.online
        AND p.last_seen_at <= now() - make_interval(secs => ${MECHANIC_PRESENCE.offlineAfterSeconds})
        AND EXISTS (SELECT 1 FROM push_subscriptions ps WHERE ps.user_id = p.mechanic_user_id)
        AND NOT EXISTS (
          SELECT 1 FROM notification_opt_outs o
          WHERE o.user_id = p.mechanic_user_id AND o.channel = 'push' AND o.kind = 'new_session')
    ),
    queued AS (
      SELECT coalesce(s.scheduled_for, s.created_at) AS queued_at,
             s.vehicle_year || ' ' || s.vehicle_make || ' ' || s.vehicle_model AS vehicle
      FROM session_assignments a JOIN sessions s ON s.id = a.session_id
      WHERE a.status = 'queued' AND s.status = 'pending'
    ),
    news AS (
      SELECT e.mechanic_user_id, e.previous,
             count(*)::int AS count,
             min(q.queued_at) AS oldest,
             max(q.queued_at) AS newest,
             (array_agg(q.vehicle ORDER BY q.queued_at DESC))[1] AS newest_vehicle
      FROM eligible e JOIN queued q ON q.queued_at > e.seen_through
      GROUP BY e.mechanic_user_id, e.previous
    ),
    advanced AS (
      INSERT INTO mechanic_push_state AS st (mechanic_user_id, notified_through, updated_at)
      SELECT mechanic_user_id, newest, now() FROM news
      ON CONFLICT (mechanic_user_id) DO UPDATE
        SET notified_through = excluded.notified_through, updated_at = now()
        WHERE st.notified_through < excluded.notified_through
      RETURNING st.mechanic_user_id, st.notified_through
    )
    SELECT n.mechanic_user_id, n.count, n.newest_vehicle,
           greatest(0, extract(epoch FROM now() - n.oldest))::float8 AS oldest_waiting_seconds,
           coalesce(n.previous, '-infinity')::text AS previous,
           a.notified_through::text AS notified_through,
           (SELECT json_agg(json_build_object('endpoint', ps.endpoint, 'p256dh', ps.p256dh, 'auth', ps.auth))
            FROM push_subscriptions ps WHERE ps.user_id = n.mechanic_user_id) AS subscriptions
    FROM news n JOIN advanced a ON a.mechanic_user_id = n.mechanic_user_id`);
  if (rows.length === 0) return 0;

  const targets: PushTarget[] = rows.map((row) => ({
    userId: row.mechanic_user_id,
    message: newSessionsMessage({
      count: row.count,
      oldestWaitingSeconds: row.oldest_waiting_seconds,
      newestVehicle: row.newest_vehicle,
    }),
    subscriptions: row.subscriptions,
  }));
  const { delivered, undeliveredUsers } = await deliverPushes(
    tx,
    sender,
    log,
    targets,
    NEW_SESSIONS_DELIVERY,
  );
  const retry = rows
    .filter((row) => undeliveredUsers.has(row.mechanic_user_id))
    .map((row) => ({ id: row.mechanic_user_id, previous: row.previous, advanced: row.notified_through }));
  if (retry.length > 0) {
    // Only where this round's own value is still there.
    await tx.execute(sql`
      UPDATE mechanic_push_state st SET notified_through = r.previous::timestamptz, updated_at = now()
      FROM json_to_recordset(${JSON.stringify(retry)}::json) AS r(id text, previous text, advanced text)
      WHERE st.mechanic_user_id = r.id AND st.notified_through = r.advanced::timestamptz`);
  }
  return delivered;
}
