import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { StripeErrorBody } from './errors.ts';
import { clientFor, paidSessionParams, TEST_KEY, useEmulator } from './testing/fixture.ts';

const env = useEmulator();

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('authentication', () => {
  it('rejects live and malformed keys as Stripe does (401 authentication_error)', async () => {
    for (const key of ['sk_live_1234567890', 'not-a-key']) {
      const error = await errorOf(clientFor(env.emulator, key).checkout.sessions.create(paidSessionParams()));
      expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      expect(error).toMatchObject({ statusCode: 401 });
    }
  });

  it('answers a request without a key with 401, and accepts the key as Basic-auth user too', async () => {
    const none = await fetch(`${env.emulator.url}/v1/refunds`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { type: 'authentication_error' } });

    const basic = await fetch(`${env.emulator.url}/v1/refunds`, {
      headers: { Authorization: `Basic ${Buffer.from(`${TEST_KEY}:`).toString('base64')}` },
    });
    expect(basic.status).toBe(200);
  });
});

describe('validation', () => {
  const cases: [string, Partial<Stripe.Checkout.SessionCreateParams>, string, string][] = [
    ['no line items', { line_items: undefined }, 'line_items', 'parameter_missing'],
    ['no success_url', { success_url: undefined }, 'success_url', 'parameter_missing'],
    ['a relative success_url', { success_url: '/paid' }, 'success_url', 'url_invalid'],
    ['a bad email', { customer_email: 'bob' }, 'customer_email', 'email_invalid'],
    [
      'a line item without currency',
      // An empty string is how Stripe's encoding says "not given".
      {
        line_items: [
          { price_data: { currency: '', unit_amount: 100, product_data: { name: 'x' } }, quantity: 1 },
        ],
      },
      'line_items[0][price_data][currency]',
      'parameter_missing',
    ],
    [
      'a zero quantity',
      {
        line_items: [
          { price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'x' } }, quantity: 0 },
        ],
      },
      'line_items[0][quantity]',
      'parameter_invalid_integer',
    ],
    ['an expiry too soon', { expires_at: Math.floor(Date.now() / 1000) + 60 }, 'expires_at', ''],
    ['a parameter the emulator lacks', { locale: 'fr' }, 'locale', 'parameter_unknown'],
  ];
  it.each(cases)('rejects a checkout with %s (400, param %s)', async (_, overrides, param, code) => {
    const error = await errorOf(env.stripe.checkout.sessions.create(paidSessionParams(overrides)));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', param });
    if (code !== '') expect(error).toMatchObject({ code });
  });

  it('rejects a checkout that costs nothing', async () => {
    const free = [
      { price_data: { currency: 'usd', unit_amount: 0, product_data: { name: 'x' } }, quantity: 1 },
    ];
    const error = await errorOf(env.stripe.checkout.sessions.create(paidSessionParams({ line_items: free })));
    expect(error).toMatchObject({ statusCode: 400, param: 'line_items' });
  });

  it('expands line_items on retrieve (always included) and refuses other expansions', async () => {
    const session = await env.stripe.checkout.sessions.create(paidSessionParams());
    const expanded = await env.stripe.checkout.sessions.retrieve(session.id, { expand: ['line_items'] });
    expect(expanded.line_items?.data.map((item) => item.description)).toEqual(['Repair consultation']);
    const error = await errorOf(
      env.stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: 'expand' });
  });

  it('rejects an unsupported mode', async () => {
    const error = await errorOf(
      env.stripe.checkout.sessions.create(paidSessionParams({ mode: 'subscription' })),
    );
    expect(error).toMatchObject({ statusCode: 400, param: 'mode' });
  });

  it('answers unknown routes with a Stripe-shaped 404', async () => {
    const response = await fetch(`${env.emulator.url}/v1/customers`, {
      headers: { Authorization: `Bearer ${TEST_KEY}` },
    });
    expect(response.status).toBe(404);
    const { error } = (await response.json()) as StripeErrorBody;
    expect(error.type).toBe('invalid_request_error');
    expect(error.message).toContain('Unrecognized request URL (GET: /v1/customers)');
  });
});

describe('idempotency', () => {
  it('replays the first checkout for a repeated key and body, and refuses the key with another body', async () => {
    const first = await env.stripe.checkout.sessions.create(paidSessionParams(), {
      idempotencyKey: 'checkout-42',
    });
    const replay = await env.stripe.checkout.sessions.create(paidSessionParams(), {
      idempotencyKey: 'checkout-42',
    });
    expect(replay.id).toBe(first.id);
    expect(replay).toEqual(first);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');

    const other = await errorOf(
      env.stripe.checkout.sessions.create(paidSessionParams({ client_reference_id: 'session-43' }), {
        idempotencyKey: 'checkout-42',
      }),
    );
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);

    const fresh = await env.stripe.checkout.sessions.create(paidSessionParams());
    expect(fresh.id).not.toBe(first.id);
  });

  it('saves nothing for a rejected request, so its key can be used again', async () => {
    await errorOf(
      env.stripe.checkout.sessions.create(paidSessionParams({ success_url: 'nope' }), {
        idempotencyKey: 'k',
      }),
    );
    const session = await env.stripe.checkout.sessions.create(paidSessionParams(), { idempotencyKey: 'k' });
    expect(session.status).toBe('open');
  });
});
