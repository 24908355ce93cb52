// Refunds of payments made through checkout, by payment_intent, whole or in parts.
import type { EmulatorCore } from './core.ts';
import { invalidRequest, noSuchObject } from './errors.ts';
import type { EventOrigin } from './events.ts';
import { newId, unixNow } from './ids.ts';
import { formatAmount } from './money.ts';
import type { ParamReader } from './params.ts';
import { REFUND_REASONS, type ListObject, type Refund } from './stripe-objects.ts';

export function createRefund(core: EmulatorCore, params: ParamReader, origin: EventOrigin): Refund {
  if (params.string('charge') !== undefined) {
    throw invalidRequest('The emulator supports refunds by payment_intent only, not by charge', 'charge');
  }
  const paymentIntentId = params.requiredString('payment_intent');
  const amount = params.integer('amount', 1);
  const reason = params.oneOf('reason', REFUND_REASONS) ?? null;
  const metadata = params.metadata('metadata');
  params.rejectUnknown();

  // Only a completed checkout creates a payment intent here, so every known one is paid.
  const payment = core.state.payments.get(paymentIntentId);
  if (payment === undefined) throw noSuchObject('payment_intent', paymentIntentId, 'payment_intent');
  const refundable = payment.amount - payment.amountRefunded;
  if (refundable === 0) {
    throw invalidRequest(
      `Charge ${payment.chargeId} has already been refunded.`,
      undefined,
      'charge_already_refunded',
    );
  }
  if (amount !== undefined && amount > refundable) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, payment.currency)}) is greater than unrefunded amount on charge ` +
        `(${formatAmount(refundable, payment.currency)})`,
      'amount',
      'amount_too_large',
    );
  }

  const refund: Refund = {
    id: newId('re'),
    object: 'refund',
    amount: amount ?? refundable,
    balance_transaction: null,
    charge: payment.chargeId,
    created: unixNow(),
    currency: payment.currency,
    metadata,
    payment_intent: paymentIntentId,
    reason,
    receipt_number: null,
    status: 'succeeded',
  };
  payment.amountRefunded += refund.amount;
  core.state.refunds.set(refund.id, refund);
  core.events.emit('refund.created', refund, origin);
  return refund;
}

export function retrieveRefund(core: EmulatorCore, id: string): Refund {
  const refund = core.state.refunds.get(id);
  if (refund === undefined) throw noSuchObject('refund', id);
  return refund;
}

/** GET /v1/refunds: newest first, as Stripe lists; `payment_intent` and `limit` (default 10) only. */
export function listRefunds(core: EmulatorCore, params: ParamReader): ListObject<Refund> {
  const paymentIntentId = params.string('payment_intent');
  const limit = params.integer('limit', 1) ?? 10;
  if (limit > 100) throw invalidRequest('Invalid limit: must be at most 100', 'limit');
  params.rejectUnknown();
  const matching = [...core.state.refunds.values()]
    .reverse()
    .filter((refund) => paymentIntentId === undefined || refund.payment_intent === paymentIntentId);
  return {
    object: 'list',
    data: matching.slice(0, limit),
    has_more: matching.length > limit,
    url: '/v1/refunds',
  };
}
