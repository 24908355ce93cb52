import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { paidSessionParams, useEmulator, WEBHOOK_SECRET } from './testing/fixture.ts';
import { startWebhookReceiver } from './testing/webhook-receiver.ts';

const env = useEmulator();

/** A checkout paid on the hosted page; its payment intent is what refunds name. */
async function paidPaymentIntent(): Promise<string> {
  const session = await env.stripe.checkout.sessions.create(paidSessionParams());
  await env.emulator.pay(session.id);
  const { payment_intent } = await env.stripe.checkout.sessions.retrieve(session.id);
  if (typeof payment_intent !== 'string') throw new Error('no payment intent after paying');
  return payment_intent;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('refunds', () => {
  it('refunds the whole payment by default and sends a verifiable refund.created', async () => {
    const receiver = await startWebhookReceiver();
    env.emulator.addWebhookEndpoint(receiver.url, WEBHOOK_SECRET);
    const paymentIntent = await paidPaymentIntent();

    const refund = await env.stripe.refunds.create({
      payment_intent: paymentIntent,
      reason: 'requested_by_customer',
      metadata: { sessionId: 'session-42' },
    });
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 2900,
      currency: 'usd',
      payment_intent: paymentIntent,
      status: 'succeeded',
      reason: 'requested_by_customer',
      metadata: { sessionId: 'session-42' },
    });
    expect(refund.id).toMatch(/^re_test_\w+$/);
    expect(await env.stripe.refunds.retrieve(refund.id)).toEqual(refund);

    await env.emulator.webhooksIdle();
    const bodies = receiver.received.map((r) =>
      env.stripe.webhooks.constructEvent(r.body, r.signature!, WEBHOOK_SECRET),
    );
    expect(bodies.map((e) => e.type)).toEqual(['checkout.session.completed', 'refund.created']);
    expect(bodies[1]?.data.object).toEqual(refund);

    const again = await errorOf(env.stripe.refunds.create({ payment_intent: paymentIntent }));
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded' });
  });

  it('refunds in parts, and refuses more than what is left', async () => {
    const paymentIntent = await paidPaymentIntent();
    const first = await env.stripe.refunds.create({ payment_intent: paymentIntent, amount: 1000 });
    const second = await env.stripe.refunds.create({ payment_intent: paymentIntent, amount: 900 });
    expect([first.amount, second.amount]).toEqual([1000, 900]);

    const tooMuch = await errorOf(env.stripe.refunds.create({ payment_intent: paymentIntent, amount: 1001 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({ code: 'amount_too_large', param: 'amount' });
    expect((tooMuch as Error).message).toContain('($10.00)');

    const rest = await env.stripe.refunds.create({ payment_intent: paymentIntent });
    expect(rest.amount).toBe(1000);

    const listed = await env.stripe.refunds.list({ payment_intent: paymentIntent });
    expect(listed.object).toBe('list');
    expect(listed.has_more).toBe(false);
    expect(listed.data.map((r) => r.id)).toEqual([rest.id, second.id, first.id]);
  });

  it('lists only the named payment intent’s refunds, honouring limit', async () => {
    const one = await paidPaymentIntent();
    const other = await paidPaymentIntent();
    await env.stripe.refunds.create({ payment_intent: one, amount: 100 });
    await env.stripe.refunds.create({ payment_intent: one, amount: 100 });
    await env.stripe.refunds.create({ payment_intent: other, amount: 100 });

    expect((await env.stripe.refunds.list({ payment_intent: other })).data).toHaveLength(1);
    const limited = await env.stripe.refunds.list({ payment_intent: one, limit: 1 });
    expect(limited.data).toHaveLength(1);
    expect(limited.has_more).toBe(true);
  });

  it('needs a paid payment intent', async () => {
    const missing = await errorOf(env.stripe.refunds.create({}));
    expect(missing).toMatchObject({ code: 'parameter_missing', param: 'payment_intent' });

    const unknown = await errorOf(env.stripe.refunds.create({ payment_intent: 'pi_test_unknown' }));
    expect(unknown).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(unknown).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'payment_intent' });

    const unpaid = await env.stripe.checkout.sessions.create(paidSessionParams());
    expect(unpaid.payment_intent).toBeNull();
    expect(env.emulator.events()).toEqual([]);
  });

  it('replays a refund retried with the same idempotency key instead of refunding twice', async () => {
    const paymentIntent = await paidPaymentIntent();
    const params = { payment_intent: paymentIntent, amount: 500 };
    const first = await env.stripe.refunds.create(params, { idempotencyKey: 'refund-session-42' });
    const replay = await env.stripe.refunds.create(params, { idempotencyKey: 'refund-session-42' });
    expect(replay).toEqual(first);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect((await env.stripe.refunds.list({ payment_intent: paymentIntent })).data).toHaveLength(1);
    expect(env.emulator.events().filter((e) => e.type === 'refund.created')).toHaveLength(1);

    const reused = await errorOf(
      env.stripe.refunds.create({ ...params, amount: 600 }, { idempotencyKey: 'refund-session-42' }),
    );
    expect(reused).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('answers an unknown refund id with 404', async () => {
    const error = await errorOf(env.stripe.refunds.retrieve('re_test_nope'));
    expect(error).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});
