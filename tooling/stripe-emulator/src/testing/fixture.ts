// A fresh emulator and a real stripe SDK client pointed at it, per test.
import Stripe from 'stripe';
import { afterEach, beforeEach } from 'vitest';
import { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from '../emulator.ts';

export const TEST_KEY = 'sk_test_autodoctor_emulator';
export const WEBHOOK_SECRET = 'whsec_test_secret_for_the_emulator';

export function clientFor(emulator: StripeEmulator, key = TEST_KEY): Stripe {
  // No SDK retries: a test should see exactly the emulator's first answer.
  return new Stripe(key, { ...emulator.stripeConfig, maxNetworkRetries: 0 });
}

export function useEmulator(options: StripeEmulatorOptions = {}): {
  emulator: StripeEmulator;
  stripe: Stripe;
} {
  let current: { emulator: StripeEmulator; stripe: Stripe } | undefined;
  beforeEach(async () => {
    // Tiny retry delays: tests wait with webhooksIdle(), never on the clock.
    const emulator = await startStripeEmulator({ retry: { attempts: 3, baseDelayMs: 1 }, ...options });
    current = { emulator, stripe: clientFor(emulator) };
  });
  afterEach(async () => {
    await current?.emulator.close();
    current = undefined;
  });
  const started = () => {
    if (current === undefined) throw new Error('useEmulator: only inside a test');
    return current;
  };
  return {
    get emulator() {
      return started().emulator;
    },
    get stripe() {
      return started().stripe;
    },
  };
}

/** A checkout as AutoDoctor creates one for a paid session. */
export function paidSessionParams(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [
      {
        price_data: { currency: 'usd', unit_amount: 2900, product_data: { name: 'Repair consultation' } },
        quantity: 1,
      },
    ],
    success_url: 'http://localhost:5173/sessions/paid?checkout={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://localhost:5173/sessions/new?cancelled=1',
    client_reference_id: 'session-42',
    customer_email: 'bob@example.com',
    metadata: { sessionType: 'paid', sessionId: 'session-42' },
    ...overrides,
  };
}
