// Everything the emulator remembers, in memory, for the lifetime of one instance.
import type { CheckoutSession, Refund } from './stripe-objects.ts';

export interface SessionRecord {
  session: CheckoutSession;
  /** The Stripe-Version it was created with; its events carry it as `api_version`. */
  apiVersion: string;
}

/** The payment behind a completed checkout: what refunds draw on. */
export interface PaymentRecord {
  paymentIntentId: string;
  chargeId: string;
  checkoutSessionId: string;
  amount: number;
  amountRefunded: number;
  currency: string;
}

export class EmulatorState {
  readonly sessions = new Map<string, SessionRecord>();
  readonly payments = new Map<string, PaymentRecord>();
  /** In creation order. */
  readonly refunds = new Map<string, Refund>();
}
