// A Checkout Session's life: open → complete (paid on the hosted page) or open → expired.
import { buildCheckoutSession } from './checkout-create.ts';
import type { EmulatorCore } from './core.ts';
import { invalidRequest, noSuchObject } from './errors.ts';
import type { EventOrigin } from './events.ts';
import { newId, unixNow } from './ids.ts';
import type { ParamReader } from './params.ts';
import type { SessionRecord } from './state.ts';
import type { CheckoutSession } from './stripe-objects.ts';

export function createCheckoutSession(
  core: EmulatorCore,
  params: ParamReader,
  origin: EventOrigin,
): CheckoutSession {
  const session = buildCheckoutSession(params, core.hostedPageUrl);
  core.state.sessions.set(session.id, { session, apiVersion: origin.apiVersion });
  return session;
}

/** The session, first expired if its expires_at has passed: expiry is checked on access, with no timers. */
export function findCheckoutSession(core: EmulatorCore, id: string): SessionRecord | undefined {
  const record = core.state.sessions.get(id);
  if (record?.session.status === 'open' && unixNow() >= record.session.expires_at) {
    expire(core, record, { apiVersion: record.apiVersion, requestId: null, idempotencyKey: null });
  }
  return record;
}

export function retrieveCheckoutSession(core: EmulatorCore, id: string): CheckoutSession {
  const record = findCheckoutSession(core, id);
  if (record === undefined) throw noSuchObject('checkout.session', id);
  return record.session;
}

export function expireCheckoutSession(core: EmulatorCore, id: string, origin: EventOrigin): CheckoutSession {
  const record = findCheckoutSession(core, id);
  if (record === undefined) throw noSuchObject('checkout.session', id);
  if (record.session.status !== 'open') {
    throw invalidRequest(
      `Only Checkout Sessions with a status in ["open"] can be expired. ` +
        `This Checkout Session has a status of "${record.session.status}".`,
    );
  }
  expire(core, record, origin);
  return record.session;
}

function expire(core: EmulatorCore, record: SessionRecord, origin: EventOrigin): void {
  record.session.status = 'expired';
  record.session.url = null;
  core.events.emit('checkout.session.expired', record.session, origin);
}

/** What the customer's click on the hosted page led to; the page (or test helper) presents it. */
export type CheckoutOutcome =
  | { kind: 'redirect'; session: CheckoutSession; location: string }
  | { kind: 'already-paid'; session: CheckoutSession }
  | { kind: 'expired'; session: CheckoutSession }
  | { kind: 'no-cancel-url'; session: CheckoutSession }
  | { kind: 'missing' };

/** The Pay button: the card is always accepted. */
export function payCheckoutSession(core: EmulatorCore, id: string): CheckoutOutcome {
  const record = findCheckoutSession(core, id);
  if (record === undefined) return { kind: 'missing' };
  const { session } = record;
  if (session.status === 'complete') return { kind: 'already-paid', session };
  if (session.status === 'expired') return { kind: 'expired', session };

  const paymentIntentId = newId('pi');
  core.state.payments.set(paymentIntentId, {
    paymentIntentId,
    chargeId: newId('ch'),
    checkoutSessionId: id,
    amount: session.amount_total,
    amountRefunded: 0,
    currency: session.currency,
  });
  session.status = 'complete';
  session.payment_status = 'paid';
  session.payment_intent = paymentIntentId;
  session.customer_details = { email: session.customer_email };
  session.url = null;
  core.events.emit('checkout.session.completed', session, {
    apiVersion: record.apiVersion,
    requestId: null,
    idempotencyKey: null,
  });
  return { kind: 'redirect', session, location: successUrlFor(session) };
}

/** The Cancel button: back to cancel_url; the session stays open, as on Stripe. */
export function cancelCheckoutSession(core: EmulatorCore, id: string): CheckoutOutcome {
  const record = findCheckoutSession(core, id);
  if (record === undefined) return { kind: 'missing' };
  const { session } = record;
  if (session.status === 'complete') return { kind: 'already-paid', session };
  if (session.status === 'expired') return { kind: 'expired', session };
  if (session.cancel_url === null) return { kind: 'no-cancel-url', session };
  return { kind: 'redirect', session, location: session.cancel_url };
}

/** Stripe fills in the literal `{CHECKOUT_SESSION_ID}` placeholder. */
export function successUrlFor(session: CheckoutSession): string {
  return session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id);
}
