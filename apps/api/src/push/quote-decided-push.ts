import type { Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { MECHANIC_PRESENCE } from '@autodoctor/session-core';
import type { Logger } from '../logger.ts';
import { deliverPushes } from './deliver.ts';
import type { PushDelivery, PushMessage, PushSender, StoredSubscription } from './push-sender.ts';

/** A decision is news for a day; each quote has its own topic (a revision's decision replaces the last). */
const quoteDecidedDelivery = (quoteSeriesId: string): PushDelivery => ({
  topic: `quote-${quoteSeriesId.replaceAll('-', '').slice(0, 26)}`,
  ttlSeconds: 86_400,
  urgency: 'normal',
});

interface DecidedRow extends Record<string, unknown> {
  mechanic_user_id: string;
  series_id: string;
  session_id: string;
  status: 'approved' | 'declined';
  version: number;
  customer_name: string;
  vehicle: string;
  subscriptions: StoredSubscription[];
}

export function quoteDecidedMessage(decision: {
  status: 'approved' | 'declined';
  version: number;
  customerName: string;
  vehicle: string;
  sessionId: string;
}): PushMessage {
  return {
    kind: 'quote_decided',
    title: decision.status === 'approved' ? 'Quote approved' : 'Quote declined',
    body: `${decision.customerName} ${decision.status} version ${decision.version} of your quote for the ${decision.vehicle}`,
    tag: `quote-${decision.sessionId}`,
    url: `/sessions/${decision.sessionId}`,
  };
}

/**
 * Tells the quote's mechanic that the customer decided it, when the mechanic has no tab of the app
 * open (no heartbeat within `MECHANIC_PRESENCE.offlineAfterSeconds`: an open tab shows it already),
 * has a subscription and has not turned `quote_decided` off. Called after the decision commits
 * (event-driven, best effort: a push lost to a crash at that moment is not sent again; the
 * decision is in the app and, for approvals, in the mechanic's email). Returns pushes delivered.
 */
export async function pushQuoteDecided(
  db: Database,
  sender: PushSender,
  log: Logger,
  quoteId: string,
): Promise<number> {
  const [row] = await db.execute<DecidedRow>(sql`
    SELECT q.mechanic_user_id, q.series_id, q.session_id, q.status, q.version,
           c.name AS customer_name,
           s.vehicle_year || ' ' || s.vehicle_make || ' ' || s.vehicle_model AS vehicle,
           (SELECT json_agg(json_build_object('endpoint', ps.endpoint, 'p256dh', ps.p256dh, 'auth', ps.auth))
            FROM push_subscriptions ps WHERE ps.user_id = q.mechanic_user_id) AS subscriptions
    FROM quotes q
    JOIN sessions s ON s.id = q.session_id
    JOIN users c ON c.id = q.customer_user_id
    WHERE q.id = ${quoteId} AND q.status IN ('approved', 'declined')
      AND NOT EXISTS (
        SELECT 1 FROM mechanic_presence p
        WHERE p.mechanic_user_id = q.mechanic_user_id
          AND p.last_seen_at > now() - make_interval(secs => ${MECHANIC_PRESENCE.offlineAfterSeconds}))
      AND NOT EXISTS (
        SELECT 1 FROM notification_opt_outs o
        WHERE o.user_id = q.mechanic_user_id AND o.channel = 'push' AND o.kind = 'quote_decided')`);
  if (!row?.subscriptions) return 0;
  const message = quoteDecidedMessage({
    status: row.status,
    version: row.version,
    customerName: row.customer_name,
    vehicle: row.vehicle,
    sessionId: row.session_id,
  });
  const { delivered } = await deliverPushes(
    db,
    sender,
    log,
    [{ userId: row.mechanic_user_id, message, subscriptions: row.subscriptions }],
    quoteDecidedDelivery(row.series_id),
  );
  return delivered;
}
