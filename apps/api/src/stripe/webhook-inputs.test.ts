import { processedStripeEvents } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import { completedCheckoutEvent, deliverStripeEvent, openPaidCheckout } from '../testing/stripe-events.ts';
import { useTestApi } from '../testing/test-api.ts';
import { EMULATOR_WEBHOOK_SECRET } from './stripe-client.ts';

const t = useTestApi();

/** Everything but the record of handled event ids: what an ignored event must leave alone. */
async function snapshotBesidesEventIds() {
  const snapshot = await dbSnapshot(t.database.db);
  delete snapshot.processed_stripe_events;
  return snapshot;
}

const deliver = (event: unknown, body?: string) =>
  deliverStripeEvent(t.api.url, event, EMULATOR_WEBHOOK_SECRET, body);

describe('the Stripe webhook acknowledges what is not ours (200) and writes nothing for it', () => {
  const foreignCheckouts: [string, Record<string, unknown>][] = [
    ['no client_reference_id (a Payment Link)', { client_reference_id: undefined }],
    ['a null client_reference_id', { client_reference_id: null }],
    ['a client_reference_id that is not a uuid', { client_reference_id: 'order-1234' }],
    ['an unknown uuid', { client_reference_id: randomUUID() }],
    ['a numeric client_reference_id', { client_reference_id: 42 }],
    ['an object as client_reference_id', { client_reference_id: { id: randomUUID() } }],
    ['no payment_status', { payment_status: undefined, client_reference_id: randomUUID() }],
    ['a negative amount', { amount_total: -1, client_reference_id: randomUUID() }],
    ['a text amount', { amount_total: '29.00', client_reference_id: randomUUID() }],
    ['an id of 300 characters', { id: `cs_${'x'.repeat(300)}` }],
    ['a NUL in its id', { id: 'cs_test_\u0000', client_reference_id: randomUUID() }],
    ['an amount beyond an integer column', { amount_total: 1e12, client_reference_id: randomUUID() }],
    ['a NUL in its currency', { currency: 'us\u0000', client_reference_id: randomUUID() }],
    ['a NUL in its client_reference_id', { client_reference_id: `${randomUUID()}\u0000` }],
    ['no id', { id: undefined }],
  ];
  it.each(foreignCheckouts)('a paid checkout with %s', async (_, fields) => {
    const before = await snapshotBesidesEventIds();
    for (const type of ['checkout.session.completed', 'checkout.session.async_payment_succeeded']) {
      const response = await deliver({ ...completedCheckoutEvent(fields), type });
      expect(response.status).toBe(200);
    }
    expect(await snapshotBesidesEventIds()).toEqual(before);
  });

  const oddEvents: [string, unknown][] = [
    ['an event without data', { ...completedCheckoutEvent({}), data: undefined }],
    ['an event whose object is missing', { ...completedCheckoutEvent({}), data: {} }],
    ['an event whose object is a string', { ...completedCheckoutEvent({}), data: { object: 'cs_test_1' } }],
    ['an event whose object is an array', { ...completedCheckoutEvent({}), data: { object: [] } }],
    ['an event without an id', { ...completedCheckoutEvent({}), id: undefined }],
    ['an event with a numeric id', { ...completedCheckoutEvent({}), id: 7 }],
    ['an event with a NUL in its id', { ...completedCheckoutEvent({}), id: 'evt_\u0000' }],
    ['an event with a NUL in its type', { ...completedCheckoutEvent({}), type: 'charge.\u0000' }],
    ['an event without a type', { ...completedCheckoutEvent({}), type: undefined }],
    ['an event of another type', { ...completedCheckoutEvent({}), type: 'payment_intent.succeeded' }],
    [
      'a charge.refunded of any shape',
      { ...completedCheckoutEvent({}), type: 'charge.refunded', data: { object: { id: 1 } } },
    ],
    [
      'an expired checkout',
      {
        ...completedCheckoutEvent({ status: 'expired', payment_status: 'unpaid' }),
        type: 'checkout.session.expired',
      },
    ],
    ['JSON null', null],
    ['a JSON array', []],
    ['a JSON number', 42],
  ];
  it.each(oddEvents)('%s', async (_, event) => {
    const before = await snapshotBesidesEventIds();
    const response = await deliver(event);
    // Never a 500 (Stripe would retry for days): 200, or 400 for a body the SDK cannot read as an event.
    expect([200, 400]).toContain(response.status);
    expect(await snapshotBesidesEventIds()).toEqual(before);
  });

  it('records an acknowledged foreign event once, so a redelivery is skipped', async () => {
    const event = completedCheckoutEvent({ client_reference_id: 'plink_123' });
    expect((await deliver(event)).status).toBe(200);
    expect((await deliver(event)).status).toBe(200);
    const rows = await t.database.db
      .select()
      .from(processedStripeEvents)
      .where(eq(processedStripeEvents.eventId, event.id));
    expect(rows).toHaveLength(1);
  });

  it('does not make a session from our intake paid through another checkout than the one we opened', async () => {
    const { customer, intent } = await openPaidCheckout(t);
    const before = await snapshotBesidesEventIds();
    const response = await deliver(completedCheckoutEvent({ client_reference_id: intent.id }));
    expect(response.status).toBe(200);
    expect(await snapshotBesidesEventIds()).toEqual(before);
    expect(await customer.client.customer.activeSession.query()).toBeNull();
  });
});
