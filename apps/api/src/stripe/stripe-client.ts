import Stripe from 'stripe';
import type { ApiConfig } from '../config.ts';

/** The key the SDK sends to the emulator, which accepts any test key. */
export const EMULATOR_SECRET_KEY = 'sk_test_autodoctor_emulator';
/** The signing secret the dev setup and tests give the emulator's webhook endpoint. */
export const EMULATOR_WEBHOOK_SECRET = 'whsec_autodoctor_emulator';

/**
 * The real Stripe SDK: against Stripe when STRIPE_SECRET_KEY is set, else
 * against the local Stripe emulator (same code, another host).
 */
export function createStripe(config: ApiConfig): { stripe: Stripe; webhookSecret: string } {
  if (config.STRIPE_SECRET_KEY && config.STRIPE_WEBHOOK_SECRET) {
    return { stripe: new Stripe(config.STRIPE_SECRET_KEY), webhookSecret: config.STRIPE_WEBHOOK_SECRET };
  }
  const emulator = new URL(config.STRIPE_EMULATOR_URL!);
  return {
    stripe: new Stripe(EMULATOR_SECRET_KEY, {
      host: emulator.hostname,
      port: Number(emulator.port || 80),
      protocol: emulator.protocol === 'https:' ? 'https' : 'http',
      maxNetworkRetries: 2,
    }),
    webhookSecret: EMULATOR_WEBHOOK_SECRET,
  };
}
