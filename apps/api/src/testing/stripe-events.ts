import { signatureHeader, type StripeEmulator, type StripeEvent } from '@autodoctor/stripe-emulator';
import { checkoutIntents } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { EMULATOR_WEBHOOK_SECRET } from '../stripe/stripe-client.ts';
import { intake } from './fixtures.ts';
import type { TestApi } from './test-api.ts';

/** Delivers an event (any JSON) to the API's webhook as Stripe would, signed with `secret`. */
export function deliverStripeEvent(
  apiUrl: string,
  event: unknown,
  secret = EMULATOR_WEBHOOK_SECRET,
  body = JSON.stringify(event, null, 2),
) {
  return fetch(`${apiUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': signatureHeader(body, secret, Math.floor(Date.now() / 1000)),
    },
    body,
  });
}

/** A signed-looking `checkout.session.completed` with the given checkout fields. */
export function completedCheckoutEvent(checkout: Record<string, unknown>, id = `evt_${crypto.randomUUID()}`) {
  return {
    id,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'checkout.session.completed',
    data: {
      object: {
        id: `cs_test_${crypto.randomUUID().replaceAll('-', '')}`,
        object: 'checkout.session',
        mode: 'payment',
        status: 'complete',
        payment_status: 'paid',
        amount_total: 2900,
        currency: 'usd',
        client_reference_id: null,
        metadata: {},
        ...checkout,
      },
    },
  };
}

/** The `checkout.session.completed` event the emulator made for a checkout. */
export function completedEventOf(
  emulator: Pick<StripeEmulator, 'events'>,
  checkoutSessionId: string,
): StripeEvent {
  const event = emulator
    .events()
    .find(
      (e) =>
        e.type === 'checkout.session.completed' && (e.data.object as { id: string }).id === checkoutSessionId,
    );
  if (!event) throw new Error(`no completed event for ${checkoutSessionId}`);
  return event;
}

/** A new customer's paid intake: its checkout, opened through the API, and the intent it keeps. */
export async function openPaidCheckout(t: Pick<TestApi, 'customer' | 'database'>) {
  const customer = await t.customer();
  const result = await customer.client.intake.startSession.mutate(intake({ type: 'paid' }));
  if (result.kind !== 'checkout') throw new Error('expected a checkout');
  const [intent] = await t.database.db
    .select()
    .from(checkoutIntents)
    .where(eq(checkoutIntents.stripeCheckoutSessionId, result.checkoutSessionId));
  return { customer, checkoutSessionId: result.checkoutSessionId, intent: intent! };
}
