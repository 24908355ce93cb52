import { users, type Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { acceptAssignment, cancelSession, createSessionRecord, startSession } from '@autodoctor/session-core';
import type { SessionEventType } from '@autodoctor/session-core/rules';
import {
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookEvent,
} from '@autodoctor/session-core/webhooks';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../testing/test-api.ts';
import { waitFor } from '../testing/wait-for.ts';
import { WebhookReceiver, type ReceivedWebhook } from '../testing/webhook-receiver.ts';
import { registerWebhookEndpoint, removeWebhookEndpoint, webhookDeliveryLog } from './webhook-endpoints.ts';
import { WEBHOOK_EVENT_ID_HEADER } from './webhook-worker.ts';

// One real receiver on 127.0.0.1; each test registers its own endpoint (a path of it) and removes
// it after. The API instance's worker delivers, with short waits so that retries happen in a test.
const receiver = new WebhookReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const t = useTestApi({
  WEBHOOK_ALLOW_LOOPBACK: 'on',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_BACKOFF_BASE_MS: '20',
  WEBHOOK_BACKOFF_CAP_MS: '200',
});
const LOOPBACK = { allowLoopback: true };

const registered: string[] = [];
afterEach(async () => {
  receiver.answer = () => ({ status: 200 });
  for (const id of registered.splice(0)) await removeWebhookEndpoint(t.database.db, id);
});

async function endpoint(path: string, eventTypes: SessionEventType[]) {
  const { endpoint: created, secret } = await registerWebhookEndpoint(
    t.database.db,
    { url: `${receiver.url}${path}`, eventTypes },
    LOOPBACK,
  );
  registered.push(created.id);
  return { id: created.id, secret };
}

async function user(db: Database, role: 'customer' | 'mechanic'): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const [row] = await db
    .insert(users)
    .values({ name: `${role} ${tag}`, email: `${role}-${tag}@example.test`, role })
    .returning({ id: users.id });
  return row!.id;
}

async function openSession(db: Database) {
  const customer = await user(db, 'customer');
  const { session, assignment } = await createSessionRecord(db, {
    type: 'free',
    customerUserId: customer,
    vehicle: { year: 2017, make: 'Toyota', model: 'Corolla' },
    concern: 'Check engine light came on after refuelling',
  });
  return { sessionId: session.id, assignmentId: assignment.id, customer };
}

/** Opens a session and takes it to live: created, assignment_accepted, started. */
async function liveSession(db: Database) {
  const opened = await openSession(db);
  const mechanic = await user(db, 'mechanic');
  await acceptAssignment(db, { assignmentId: opened.assignmentId, mechanicUserId: mechanic });
  await startSession(db, { sessionId: opened.sessionId, actorUserId: mechanic });
  return { ...opened, mechanic };
}

const eventOf = (request: ReceivedWebhook) => JSON.parse(request.body) as WebhookEvent;
const eventsAt = (path: string, sessionId: string) =>
  receiver
    .at(path)
    .map(eventOf)
    .filter((event) => event.sessionId === sessionId);

async function deliveries(endpointId: string) {
  return t.database.db.execute<{ status: string; attempts: number; eventId: string }>(sql`
    SELECT status, attempts, event_id::text AS "eventId" FROM webhook_deliveries
     WHERE endpoint_id = ${endpointId} ORDER BY event_id`);
}

describe('webhook delivery', () => {
  it('POSTs each wanted event once, signed with the endpoint secret, carrying the event id', async () => {
    const { id, secret } = await endpoint('/signed', ['created', 'cancelled']);
    const { sessionId, customer } = await openSession(t.database.db);
    await cancelSession(t.database.db, { sessionId, actorUserId: customer });

    await waitFor(() => eventsAt('/signed', sessionId).length === 2, 'two deliveries');
    const requests = receiver.at('/signed');
    const events = requests.map((request) =>
      verifyWebhook({
        body: request.body,
        signature: request.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string,
        secret,
      }),
    );
    expect(events.map((event) => event.type)).toEqual(['created', 'cancelled']);
    expect(events.every((event) => event.sessionId === sessionId && event.version === 1)).toBe(true);
    expect(requests.map((request) => request.headers[WEBHOOK_EVENT_ID_HEADER.toLowerCase()])).toEqual(
      events.map((event) => String(event.id)),
    );
    expect(requests[0]!.headers['content-type']).toBe('application/json');
    // Someone else's secret does not verify it.
    expect(() =>
      verifyWebhook({
        body: requests[0]!.body,
        signature: requests[0]!.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] as string,
        secret: 'whsec_someone_else',
      }),
    ).toThrow(/does not match/);

    await waitFor(async () => (await deliveries(id)).every((row) => row.status === 'delivered'), 'delivered');
    const log = await webhookDeliveryLog(t.database.db, id);
    expect(log.map((line) => [line.eventType, line.statusCode, line.attempt, line.error])).toEqual([
      ['cancelled', 200, 1, null],
      ['created', 200, 1, null],
    ]);
  });

  it('writes nothing for an event type the endpoint did not ask for', async () => {
    const { id } = await endpoint('/only-cancelled', ['cancelled']);
    const { sessionId } = await liveSession(t.database.db);
    await t.api.webhooks.run();
    expect(await deliveries(id)).toEqual([]);
    expect(eventsAt('/only-cancelled', sessionId)).toEqual([]);
  });

  it('retries a failed delivery with backoff until it is taken, logging every try', async () => {
    const { id } = await endpoint('/flaky', ['created']);
    let tries = 0;
    receiver.answer = (request) =>
      request.path === '/flaky' && ++tries <= 2 ? { status: 503 } : { status: 204 };
    const { sessionId } = await openSession(t.database.db);

    await waitFor(
      async () => (await deliveries(id))[0]?.status === 'delivered',
      'delivered on the third try',
    );
    expect(eventsAt('/flaky', sessionId)).toHaveLength(3);
    const log = await webhookDeliveryLog(t.database.db, id);
    expect(log.map((line) => [line.attempt, line.statusCode, line.error])).toEqual([
      [3, 204, null],
      [2, 503, 'answered 503'],
      [1, 503, 'answered 503'],
    ]);
    expect(new Set(eventsAt('/flaky', sessionId).map((event) => event.id)).size).toBe(1);
  });

  it("delivers a session's events in order, holding later ones while an earlier one fails, other sessions unheld", async () => {
    await endpoint('/ordered', ['created', 'assignment_accepted', 'started', 'cancelled']);
    let failuresLeft = 4;
    const first = await openSession(t.database.db);
    receiver.answer = (request) =>
      request.path === '/ordered' && eventOf(request).sessionId === first.sessionId && failuresLeft-- > 0
        ? { status: 500 }
        : { status: 200 };
    const mechanic = await user(t.database.db, 'mechanic');
    await acceptAssignment(t.database.db, { assignmentId: first.assignmentId, mechanicUserId: mechanic });
    await startSession(t.database.db, { sessionId: first.sessionId, actorUserId: mechanic });
    const other = await openSession(t.database.db);

    await waitFor(() => eventsAt('/ordered', other.sessionId).length === 1, "the other session's event");
    await waitFor(
      () => new Set(eventsAt('/ordered', first.sessionId).map((event) => event.id)).size === 3,
      'all three events of the first session',
    );
    const seen = eventsAt('/ordered', first.sessionId).map((event) => event.type);
    // The first event was tried until it was taken; nothing after it went out before.
    expect(seen).toEqual([
      'created',
      'created',
      'created',
      'created',
      'created',
      'assignment_accepted',
      'started',
    ]);
  });

  it('keeps deliveries while the endpoint is down and sends them, in order, once it is back', async () => {
    const { id } = await endpoint('/outage', ['created', 'cancelled']);
    await receiver.stop();
    const { sessionId, customer } = await openSession(t.database.db);
    await cancelSession(t.database.db, { sessionId, actorUserId: customer });
    await waitFor(async () => {
      const log = await webhookDeliveryLog(t.database.db, id);
      return log.length >= 3 && log;
    }, 'a few refused tries');
    const log = await webhookDeliveryLog(t.database.db, id);
    expect(log.every((line) => line.statusCode === null && /ECONNREFUSED/.test(line.error ?? ''))).toBe(true);
    await receiver.start();

    await waitFor(() => eventsAt('/outage', sessionId).length === 2, 'both events after the outage');
    expect(eventsAt('/outage', sessionId).map((event) => event.type)).toEqual(['created', 'cancelled']);
    await waitFor(async () => (await deliveries(id)).every((row) => row.status === 'delivered'), 'delivered');
  });

  it('does not follow a redirect: it is a failed try', async () => {
    const { id } = await endpoint('/moved', ['created']);
    receiver.answer = (request) =>
      request.path === '/moved'
        ? { status: 302, headers: { Location: `${receiver.url}/elsewhere` } }
        : { status: 200 };
    await openSession(t.database.db);
    const [line] = await waitFor(async () => {
      const log = await webhookDeliveryLog(t.database.db, id);
      return log.length > 0 && log;
    }, 'a try');
    expect(line).toMatchObject({ statusCode: 302, error: 'answered 302 (redirects are not followed)' });
    expect(receiver.at('/elsewhere')).toEqual([]);
  });

  it('checks the address again at delivery: a name now pointing at a private address is not connected to', async () => {
    const { id } = await endpoint('/repointed', ['created']);
    // As if the name had been re-pointed after registration: the stored URL now reaches a private address.
    await t.database.db.execute(
      sql`UPDATE webhook_endpoints SET url = 'https://10.1.2.3/hook' WHERE id = ${id}`,
    );
    await openSession(t.database.db);
    const [line] = await waitFor(async () => {
      const log = await webhookDeliveryLog(t.database.db, id);
      return log.length > 0 && log;
    }, 'a refused try');
    expect(line).toMatchObject({
      statusCode: null,
      error: '10.1.2.3 is not a public address',
    });
  });

  it('gives up on a delivery after retrying for a day, and disables an endpoint failing for a day', async () => {
    const { id } = await endpoint('/dead', ['created']);
    receiver.answer = (request) => (request.path === '/dead' ? { status: 500 } : { status: 200 });
    await openSession(t.database.db);
    await waitFor(async () => (await webhookDeliveryLog(t.database.db, id)).length > 0, 'a first failed try');
    // A day goes by (the clock moved back rather than waiting): the next failure is the last.
    await t.database.db.execute(sql`
      UPDATE webhook_deliveries SET created_at = created_at - interval '25 hours' WHERE endpoint_id = ${id}`);
    await t.database.db.execute(sql`
      UPDATE webhook_endpoints SET failing_since = failing_since - interval '25 hours' WHERE id = ${id}`);

    await waitFor(async () => (await deliveries(id))[0]?.status === 'failed', 'given up');
    const [state] = await t.database.db.execute<{ enabled: boolean; disabledReason: string | null }>(sql`
      SELECT enabled, disabled_reason AS "disabledReason" FROM webhook_endpoints WHERE id = ${id}`);
    expect(state!.enabled).toBe(false);
    expect(state!.disabledReason).toMatch(/^every delivery failed since .* UTC; last: answered 500$/);
    // Disabled: new events are not written for it.
    await openSession(t.database.db);
    expect(await deliveries(id)).toHaveLength(1);
  });
});
