import { webhookEndpoints } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { sql } from '@autodoctor/db/orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  createSessionRecord,
  ensureCustomer,
  WebhookEndpointLimitError,
  WebhookEndpointNotFoundError,
  WebhookUrlRefusedError,
} from '@autodoctor/session-core';
import {
  getWebhookEndpoint,
  listWebhookEndpoints,
  registerWebhookEndpoint,
  removeWebhookEndpoint,
  setWebhookEndpointEnabled,
  WEBHOOK_MAX_ENDPOINTS,
  webhookDeliveryLog,
  type WebhookEndpointInput,
} from './webhook-endpoints.ts';

const database = useTestDatabase();
const DEV = { allowLoopback: true };
const STRICT = { allowLoopback: false };
const valid: WebhookEndpointInput = { url: 'http://127.0.0.1:4010/hooks', eventTypes: ['created', 'ended'] };

afterEach(async () => {
  await database.db.delete(webhookEndpoints);
});

const count = async () =>
  (await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM webhook_endpoints`))[0]!.n;

describe('registering a webhook endpoint', () => {
  it('stores it enabled with a fresh secret, shown only at registration', async () => {
    const { endpoint, secret } = await registerWebhookEndpoint(
      database.db,
      { ...valid, description: '  Fleet portal  ' },
      DEV,
    );
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint).toMatchObject({
      url: 'http://127.0.0.1:4010/hooks',
      eventTypes: ['created', 'ended'],
      description: 'Fleet portal',
      enabled: true,
      pending: 0,
      failed: 0,
    });
    expect(JSON.stringify(await listWebhookEndpoints(database.db))).not.toContain(secret);
    const other = await registerWebhookEndpoint(database.db, valid, DEV);
    expect(other.secret).not.toBe(secret);
  });

  it.each([
    ['an empty URL', { url: '' }, ZodError],
    ['a URL over 2048 characters', { url: `https://example.com/${'a'.repeat(2040)}` }, ZodError],
    ['no event types', { eventTypes: [] }, ZodError],
    ['an unknown event type', { eventTypes: ['exploded'] }, ZodError],
    ['an event type twice', { eventTypes: ['created', 'created'] }, ZodError],
    ['a description over 200 characters', { description: 'x'.repeat(201) }, ZodError],
    ['not a URL', { url: 'hooks please' }, WebhookUrlRefusedError],
    ['another scheme', { url: 'gopher://127.0.0.1/x' }, WebhookUrlRefusedError],
    ['credentials in the URL', { url: 'http://a:b@127.0.0.1/x' }, WebhookUrlRefusedError],
    ['a private address', { url: 'https://192.168.0.10/x' }, WebhookUrlRefusedError],
    ['the metadata service', { url: 'http://169.254.169.254/latest' }, WebhookUrlRefusedError],
  ])('refuses %s, writing nothing', async (_, change, errorClass) => {
    const input = { ...valid, ...change } as WebhookEndpointInput;
    await expect(registerWebhookEndpoint(database.db, input, DEV)).rejects.toBeInstanceOf(errorClass);
    expect(await count()).toBe(0);
  });

  it('refuses loopback unless WEBHOOK_ALLOW_LOOPBACK is on', async () => {
    const refused = registerWebhookEndpoint(database.db, valid, STRICT);
    await expect(refused).rejects.toMatchObject({ code: 'WEBHOOK_URL_REFUSED', problem: 'not_public' });
    expect(await count()).toBe(0);
  });

  it(`registers at most ${WEBHOOK_MAX_ENDPOINTS} endpoints, even when asked all at once`, async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: WEBHOOK_MAX_ENDPOINTS + 3 }, () =>
        registerWebhookEndpoint(database.db, valid, DEV),
      ),
    );
    const refused = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(refused).toHaveLength(3);
    expect(refused.every((attempt) => attempt.reason instanceof WebhookEndpointLimitError)).toBe(true);
    expect(await count()).toBe(WEBHOOK_MAX_ENDPOINTS);
  });
});

describe('managing endpoints', () => {
  it('disables with a reason, enables again, and removes', async () => {
    const { endpoint } = await registerWebhookEndpoint(database.db, valid, DEV);
    const disabled = await setWebhookEndpointEnabled(database.db, endpoint.id, {
      enabled: false,
      reason: 'receiver retired',
    });
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'receiver retired' });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    const enabled = await setWebhookEndpointEnabled(database.db, endpoint.id, { enabled: true });
    expect(enabled).toMatchObject({
      enabled: true,
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
    });
    await removeWebhookEndpoint(database.db, endpoint.id);
    expect(await listWebhookEndpoints(database.db)).toEqual([]);
  });

  it('removes an endpoint while the worker records a try of its delivery, waiting for it instead of deadlocking', async () => {
    const { endpoint } = await registerWebhookEndpoint(database.db, valid, DEV);
    const { userId } = await ensureCustomer(database.db, {
      email: 'remove-race@example.test',
      name: 'Rae Race',
    });
    // Its `created` event: the trigger writes the endpoint's delivery.
    await createSessionRecord(database.db, {
      type: 'free',
      customerUserId: userId,
      vehicle: { year: 2018, make: 'Ford', model: 'Focus' },
      concern: 'Rattle from the exhaust at idle',
    });
    const [delivery] = await database.db.execute<{ id: string }>(
      sql`SELECT id FROM webhook_deliveries WHERE endpoint_id = ${endpoint.id}`,
    );
    // The worker's #failed transaction, step by step: the delivery's row, then (later) the endpoint's.
    let removal: Promise<void> | undefined;
    await database.db.transaction(async (worker) => {
      await worker.execute(
        sql`UPDATE webhook_deliveries SET last_error = 'answered 500' WHERE id = ${delivery!.id}`,
      );
      removal = removeWebhookEndpoint(database.db, endpoint.id);
      // Until the removal is waiting on a lock (it cannot finish while this transaction holds the row).
      await expect
        .poll(async () => {
          const [row] = await database.db.execute<{ waiting: number }>(
            sql`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
          );
          return row!.waiting;
        })
        .toBeGreaterThan(0);
      await worker.execute(sql`UPDATE webhook_endpoints SET failing_since = now() WHERE id = ${endpoint.id}`);
    });
    await removal;
    expect(await count()).toBe(0);
    const [left] = await database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = ${endpoint.id}`,
    );
    expect(left!.n).toBe(0);
  });

  it('says which endpoint does not exist, for unknown and malformed ids alike', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', "'; DROP TABLE users; --"]) {
      await expect(getWebhookEndpoint(database.db, id)).rejects.toBeInstanceOf(WebhookEndpointNotFoundError);
      await expect(removeWebhookEndpoint(database.db, id)).rejects.toBeInstanceOf(
        WebhookEndpointNotFoundError,
      );
      await expect(setWebhookEndpointEnabled(database.db, id, { enabled: true })).rejects.toBeInstanceOf(
        WebhookEndpointNotFoundError,
      );
      await expect(webhookDeliveryLog(database.db, id)).rejects.toBeInstanceOf(WebhookEndpointNotFoundError);
    }
  });
});
