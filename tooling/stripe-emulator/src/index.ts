// @autodoctor/stripe-emulator: a local test double of the Stripe endpoints AutoDoctor calls.
export { startStripeEmulator, type StripeEmulator, type StripeEmulatorOptions } from './emulator.ts';
export { signatureHeader } from './signature.ts';
export type { CheckoutSession, Refund, StripeEvent, StripeEventType } from './stripe-objects.ts';
export type { WebhookDelivery } from './webhooks.ts';
