import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { paidSessionParams, useEmulator, WEBHOOK_SECRET } from './testing/fixture.ts';
import { startWebhookReceiver } from './testing/webhook-receiver.ts';

const env = useEmulator();

/** The action of the hosted page's form whose button reads `label`. */
function formAction(html: string, label: string): string {
  const match = new RegExp(`<form method="post" action="([^"]+)"><button[^>]*>${label}</button></form>`).exec(
    html,
  );
  if (!match?.[1]) throw new Error(`No ${label} form in the page`);
  return match[1];
}

async function submit(action: string): Promise<Response> {
  return fetch(new URL(action, env.emulator.url), { method: 'POST', redirect: 'manual' });
}

describe('checkout sessions', () => {
  it('creates an open, unpaid session through the SDK and retrieves it', async () => {
    const created = await env.stripe.checkout.sessions.create(paidSessionParams());
    expect(created).toMatchObject({
      object: 'checkout.session',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 2900,
      currency: 'usd',
      client_reference_id: 'session-42',
      customer_email: 'bob@example.com',
      metadata: { sessionType: 'paid', sessionId: 'session-42' },
      payment_intent: null,
      livemode: false,
      url: `${env.emulator.url}/checkout/${created.id}`,
    });
    expect(created.id).toMatch(/^cs_test_\w+$/);
    expect(created.expires_at - created.created).toBe(24 * 60 * 60);

    const retrieved = await env.stripe.checkout.sessions.retrieve(created.id);
    expect(retrieved).toEqual(created);
    expect(env.emulator.events()).toEqual([]);
  });

  it('sums line items and keeps the expires_at it was given', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 45 * 60;
    const session = await env.stripe.checkout.sessions.create(
      paidSessionParams({
        line_items: [
          {
            price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'Diagnosis' } },
            quantity: 2,
          },
          {
            price_data: { currency: 'usd', unit_amount: 499, product_data: { name: 'Parts list' } },
            quantity: 1,
          },
        ],
        expires_at: expiresAt,
      }),
    );
    expect(session.amount_total).toBe(3499);
    expect(session.expires_at).toBe(expiresAt);
  });

  it('shows the hosted page; Pay completes the session, redirects and sends a verifiable webhook', async () => {
    const receiver = await startWebhookReceiver();
    env.emulator.addWebhookEndpoint(receiver.url, WEBHOOK_SECRET);
    const session = await env.stripe.checkout.sessions.create(paidSessionParams());

    const page = await fetch(session.url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('Repair consultation');
    expect(html).toContain('$29.00');
    expect(html).toMatch(/<button[^>]*>Pay<\/button>/);
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);

    const paid = await submit(formAction(html, 'Pay'));
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://localhost:5173/sessions/paid?checkout=${session.id}`);

    const completed = await env.stripe.checkout.sessions.retrieve(session.id);
    expect(completed).toMatchObject({ status: 'complete', payment_status: 'paid', url: null });
    expect(completed.payment_intent).toMatch(/^pi_test_\w+$/);

    await env.emulator.webhooksIdle();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery?.contentType).toMatch(/^application\/json/);
    const event = env.stripe.webhooks.constructEvent(delivery!.body, delivery!.signature!, WEBHOOK_SECRET);
    expect(event).toMatchObject({
      object: 'event',
      type: 'checkout.session.completed',
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object: { id: session.id, payment_status: 'paid', metadata: { sessionType: 'paid' } } },
    });
    expect(event.id).toMatch(/^evt_test_\w+$/);
    expect(() =>
      env.stripe.webhooks.constructEvent(delivery!.body, delivery!.signature!, 'whsec_other'),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(env.emulator.events().map((e) => e.id)).toEqual([event.id]);
  });

  it('refuses to take a second payment, with an explanation and no second event', async () => {
    const session = await env.stripe.checkout.sessions.create(paidSessionParams());
    await env.emulator.pay(session.id);

    const again = await submit(`/checkout/${session.id}/pay`);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('paid already');
    await expect(env.emulator.pay(session.id)).rejects.toThrow(/paid already/);
    expect(env.emulator.events().map((e) => e.type)).toEqual(['checkout.session.completed']);

    const view = await fetch(`${env.emulator.url}/checkout/${session.id}`);
    expect(view.status).toBe(200);
    expect(await view.text()).not.toMatch(/<button/);
  });

  it('Cancel returns to cancel_url and leaves the session open', async () => {
    const session = await env.stripe.checkout.sessions.create(paidSessionParams());
    const html = await (await fetch(session.url!)).text();
    const cancelled = await submit(formAction(html, 'Cancel'));
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe('http://localhost:5173/sessions/new?cancelled=1');
    expect(await env.emulator.cancel(session.id)).toBe('http://localhost:5173/sessions/new?cancelled=1');
    expect((await env.stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
    expect(env.emulator.events()).toEqual([]);
  });

  it('has no Cancel button without a cancel_url', async () => {
    const session = await env.stripe.checkout.sessions.create(paidSessionParams({ cancel_url: undefined }));
    const html = await (await fetch(session.url!)).text();
    expect(html).toMatch(/<button[^>]*>Pay<\/button>/);
    expect(html).not.toMatch(/Cancel<\/button>/);
  });

  it('expires an open session, sends checkout.session.expired, and the page then refuses payment', async () => {
    const receiver = await startWebhookReceiver();
    env.emulator.addWebhookEndpoint(receiver.url, WEBHOOK_SECRET);
    const session = await env.stripe.checkout.sessions.create(paidSessionParams());

    const expired = await env.stripe.checkout.sessions.expire(session.id, {}, { idempotencyKey: 'expire-1' });
    expect(expired).toMatchObject({ id: session.id, status: 'expired', payment_status: 'unpaid', url: null });

    const pay = await submit(`/checkout/${session.id}/pay`);
    expect(pay.status).toBe(410);
    expect((await fetch(`${env.emulator.url}/checkout/${session.id}`)).status).toBe(410);

    await env.emulator.webhooksIdle();
    const event = env.stripe.webhooks.constructEvent(
      receiver.received[0]!.body,
      receiver.received[0]!.signature!,
      WEBHOOK_SECRET,
    );
    expect(event.type).toBe('checkout.session.expired');
    expect(event.request).toMatchObject({ idempotency_key: 'expire-1' });
    expect(event.request?.id).toMatch(/^req_test_/);
    expect(env.emulator.events().map((e) => e.type)).toEqual(['checkout.session.expired']);
  });

  it('will not expire a session that is no longer open', async () => {
    const session = await env.stripe.checkout.sessions.create(paidSessionParams());
    await env.emulator.pay(session.id);
    await expect(env.stripe.checkout.sessions.expire(session.id)).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
  });

  it('answers unknown sessions with 404 resource_missing, and an explanatory page', async () => {
    const error = await env.stripe.checkout.sessions.retrieve('cs_test_nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect((await fetch(`${env.emulator.url}/checkout/cs_test_nope`)).status).toBe(404);
    await expect(env.emulator.pay('cs_test_nope')).rejects.toThrow(/no checkout session/);
  });
});
