import Stripe from 'stripe';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startStripeEmulator } from './emulator.ts';
import { signatureHeader } from './signature.ts';
import { clientFor, paidSessionParams, useEmulator, WEBHOOK_SECRET } from './testing/fixture.ts';
import { startWebhookReceiver, unreachableUrl } from './testing/webhook-receiver.ts';

const env = useEmulator();
const sdk = new Stripe('sk_test_signature_only');

async function paidCheckout(): Promise<string> {
  const session = await env.stripe.checkout.sessions.create(paidSessionParams());
  await env.emulator.pay(session.id);
  return session.id;
}

describe('webhook signatures', () => {
  it('are what the SDK computes for the same payload, secret and timestamp', () => {
    const payload = JSON.stringify({ id: 'evt_test_1', object: 'event' });
    expect(signatureHeader(payload, WEBHOOK_SECRET, 1_700_000_000)).toBe(
      sdk.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: 1_700_000_000 }),
    );
  });
});

describe('webhook delivery', () => {
  it('retries an endpoint that fails twice, then stops at its first 2xx; every attempt is signed', async () => {
    const receiver = await startWebhookReceiver((call) => (call < 2 ? 500 : 200));
    env.emulator.addWebhookEndpoint(receiver.url, WEBHOOK_SECRET);
    await paidCheckout();
    await env.emulator.webhooksIdle();

    const [event] = env.emulator.events();
    expect(env.emulator.deliveries()).toEqual(
      [1, 2, 3].map((attempt, index) => ({
        eventId: event!.id,
        eventType: 'checkout.session.completed',
        url: receiver.url,
        attempt,
        statusCode: [500, 500, 200][index],
        error: null,
        ok: index === 2,
      })),
    );
    expect(receiver.received).toHaveLength(3);
    for (const { body, signature } of receiver.received) {
      expect(sdk.webhooks.constructEvent(body, signature!, WEBHOOK_SECRET).id).toBe(event!.id);
    }
  });

  it('gives up on an unreachable endpoint after the configured attempts, logging why', async () => {
    env.emulator.addWebhookEndpoint(await unreachableUrl(), WEBHOOK_SECRET);
    await paidCheckout();
    await env.emulator.webhooksIdle();

    const deliveries = env.emulator.deliveries();
    expect(deliveries.map((d) => d.attempt)).toEqual([1, 2, 3]);
    for (const delivery of deliveries) {
      expect(delivery).toMatchObject({ ok: false, statusCode: null });
      expect(delivery.error).toContain('ECONNREFUSED');
    }
  });

  it('delivers every event to every endpoint, each with its own secret', async () => {
    const first = await startWebhookReceiver();
    const second = await startWebhookReceiver();
    env.emulator.addWebhookEndpoint(first.url, WEBHOOK_SECRET);
    env.emulator.addWebhookEndpoint(second.url, 'whsec_second');
    const sessionId = await paidCheckout();
    const { payment_intent } = await env.stripe.checkout.sessions.retrieve(sessionId);
    await env.stripe.refunds.create({ payment_intent: payment_intent as string });
    await env.emulator.webhooksIdle();

    const types = (received: typeof first.received, secret: string) =>
      received.map((r) => sdk.webhooks.constructEvent(r.body, r.signature!, secret).type).sort();
    expect(types(first.received, WEBHOOK_SECRET)).toEqual(['checkout.session.completed', 'refund.created']);
    expect(types(second.received, 'whsec_second')).toEqual(['checkout.session.completed', 'refund.created']);
    expect(env.emulator.events().every((e) => e.pending_webhooks === 2)).toBe(true);
  });

  it('does not make the customer wait for delivery', async () => {
    let release = () => {};
    const receiver = await startWebhookReceiver(
      () => 200,
      new Promise<void>((resolve) => (release = resolve)),
    );
    env.emulator.addWebhookEndpoint(receiver.url, WEBHOOK_SECRET);
    const session = await env.stripe.checkout.sessions.create(paidSessionParams());

    // The endpoint has not answered, yet the Pay button already redirects.
    const paid = await fetch(`${env.emulator.url}/checkout/${session.id}/pay`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    await vi.waitFor(() => expect(receiver.received).toHaveLength(1));
    expect(env.emulator.deliveries()).toEqual([]);

    release();
    await env.emulator.webhooksIdle();
    expect(env.emulator.deliveries()).toMatchObject([{ attempt: 1, statusCode: 200, ok: true }]);
  });

  it('records events without any endpoint, and is idle at once', async () => {
    await paidCheckout();
    await env.emulator.webhooksIdle();
    expect(env.emulator.events().map((e) => e.type)).toEqual(['checkout.session.completed']);
    expect(env.emulator.deliveries()).toEqual([]);
  });

  it('close() abandons a delivery waiting to retry', async () => {
    const receiver = await startWebhookReceiver(() => 503);
    // A retry an hour away: only close() can end this delivery.
    const emulator = await startStripeEmulator({
      webhooks: [{ url: receiver.url, secret: WEBHOOK_SECRET }],
      retry: { attempts: 2, baseDelayMs: 3_600_000 },
    });
    onTestFinished(() => emulator.close());
    const stripe = clientFor(emulator);
    const session = await stripe.checkout.sessions.create(paidSessionParams());
    await emulator.pay(session.id);
    await vi.waitFor(() => expect(emulator.deliveries()).toHaveLength(1));

    await emulator.close();
    await emulator.webhooksIdle();
    expect(emulator.deliveries()).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
  });
});
