import { registerWebhookEndpoint } from '@autodoctor/api';
import { users } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { waitFor } from '@autodoctor/api/testing/wait-for';
import { WebhookReceiver } from '@autodoctor/api/testing/webhook-receiver';
import { cancelSession, createSessionRecord } from '@autodoctor/session-core';
import {
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookEvent,
} from '@autodoctor/session-core/webhooks';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithNginx, useTestCluster } from './test-cluster.ts';

const receiver = new WebhookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const t = useTestCluster(
  {
    WEBHOOK_ALLOW_LOOPBACK: 'on',
    // A lease that lapses soon after the kill, so the restarted instance need not wait long.
    WEBHOOK_LEASE_MS: '1500',
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_POLL_MS: '100',
    WEBHOOK_BACKOFF_BASE_MS: '20',
    WEBHOOK_BACKOFF_CAP_MS: '200',
  },
  { instances: 1 },
);

describeWithNginx('webhooks when an API instance is killed (SIGKILL) mid-delivery', () => {
  it("the receiver had the event but had not answered: it comes again with the same id, then the session's next one, in order", async () => {
    const { db } = t.database;
    const { endpoint, secret } = await registerWebhookEndpoint(
      db,
      { url: `${receiver.url}/kill`, eventTypes: ['created', 'cancelled'] },
      { allowLoopback: true },
    );
    // The first request is held open: the instance waits for an answer when it is killed.
    receiver.answer = () => (receiver.received.length === 1 ? 'hold' : { status: 200 });
    const tag = randomUUID().slice(0, 8);
    const [customer] = await db
      .insert(users)
      .values({ name: `Customer ${tag}`, email: `kill-${tag}@example.test`, role: 'customer' })
      .returning({ id: users.id });
    const { session } = await createSessionRecord(db, {
      type: 'free',
      customerUserId: customer!.id,
      vehicle: { year: 2017, make: 'Toyota', model: 'Corolla' },
      concern: 'Check engine light came on after refuelling',
    });
    await cancelSession(db, { sessionId: session.id, actorUserId: customer!.id });
    await waitFor(() => receiver.received.length === 1, 'the first delivery to reach the receiver');

    const [instance] = t.cluster.instances;
    await instance!.kill('SIGKILL');
    await instance!.restart();

    await waitFor(() => receiver.received.length === 3, 'the repeat and the next event after the restart');
    const events = receiver.received.map((request) =>
      verifyWebhook({
        body: request.body,
        signature: request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string,
        secret,
      }),
    );
    expect(events.map((event: WebhookEvent) => event.type)).toEqual(['created', 'created', 'cancelled']);
    expect(events[1]!.id).toBe(events[0]!.id); // the receiver drops it by id
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    const rows = await db.execute<{ status: string; attempts: number }>(sql`
      SELECT status, attempts FROM webhook_deliveries WHERE endpoint_id = ${endpoint.id} ORDER BY event_id`);
    expect(rows).toEqual([
      { status: 'delivered', attempts: 2 },
      { status: 'delivered', attempts: 1 },
    ]);
  });
});
