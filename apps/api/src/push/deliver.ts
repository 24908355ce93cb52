import type { Database, Transaction } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import type { Logger } from '../logger.ts';
import type { PushDelivery, PushMessage, PushSender, StoredSubscription } from './push-sender.ts';

/** One person's message and the subscriptions (devices) it goes to. */
export interface PushTarget {
  userId: string;
  message: PushMessage;
  subscriptions: StoredSubscription[];
}

// One parameter (a JSON array) however many endpoints.
const endpointsIn = (endpoints: string[]) =>
  sql`SELECT json_array_elements_text(${JSON.stringify(endpoints)}::json)`;

// Pushes sent at once: a round with many mechanics does not open hundreds of connections.
const CONCURRENT_PUSHES = 16;

/**
 * Sends each target's message to each of its subscriptions; a subscription the push service says
 * is gone (404/410) is deleted, a delivered one gets `last_pushed_at`, other failures are logged.
 * Returns the users for whom no device took the message while some failed (to try again later).
 */
export async function deliverPushes(
  db: Database | Transaction,
  sender: PushSender,
  log: Logger,
  targets: readonly PushTarget[],
  delivery: PushDelivery,
): Promise<{ delivered: number; undeliveredUsers: Set<string> }> {
  const sends = targets.flatMap((target) =>
    target.subscriptions.map((subscription) => ({ target, subscription })),
  );
  const outcomes = new Array<Awaited<ReturnType<PushSender['send']>>>(sends.length);
  for (let start = 0; start < sends.length; start += CONCURRENT_PUSHES) {
    const batch = sends.slice(start, start + CONCURRENT_PUSHES);
    const results = await Promise.all(
      batch.map(({ target, subscription }) => sender.send(subscription, target.message, delivery)),
    );
    results.forEach((result, index) => (outcomes[start + index] = result));
  }

  const gone: string[] = [];
  const deliveredEndpoints: string[] = [];
  const deliveredUsers = new Set<string>();
  const failedUsers = new Set<string>();
  sends.forEach(({ target, subscription }, index) => {
    const result = outcomes[index]!;
    if (result.outcome === 'delivered') {
      deliveredEndpoints.push(subscription.endpoint);
      deliveredUsers.add(target.userId);
    } else if (result.outcome === 'gone') {
      gone.push(subscription.endpoint);
    } else {
      failedUsers.add(target.userId);
      log.warn(
        { userId: target.userId, kind: target.message.kind, error: result.error },
        'push: the push service refused or did not answer; trying again next round',
      );
    }
  });
  if (gone.length > 0) {
    await db.execute(sql`DELETE FROM push_subscriptions WHERE endpoint IN (${endpointsIn(gone)})`);
    log.info({ count: gone.length }, 'push: expired subscriptions removed (404/410 from the push service)');
  }
  if (deliveredEndpoints.length > 0) {
    await db.execute(
      sql`UPDATE push_subscriptions SET last_pushed_at = now() WHERE endpoint IN (${endpointsIn(deliveredEndpoints)})`,
    );
  }
  return {
    delivered: deliveredEndpoints.length,
    undeliveredUsers: new Set([...failedUsers].filter((userId) => !deliveredUsers.has(userId))),
  };
}
