// POST /v1/checkout/sessions: validates the parameters AutoDoctor sends and builds the
// session. Only one-off payments for inline prices (`price_data`) are modelled.
import { invalidRequest, missingParam } from './errors.ts';
import { newId, unixNow } from './ids.ts';
import type { ParamReader } from './params.ts';
import type { CheckoutSession, LineItem } from './stripe-objects.ts';

const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;
// The caller computes expires_at a moment before the request arrives; don't fail it for that moment.
const EXPIRY_SLACK_SECONDS = 60;

export function buildCheckoutSession(
  params: ParamReader,
  hostedPageUrl: (id: string) => string,
): CheckoutSession {
  const mode = params.requiredString('mode');
  if (mode !== 'payment') {
    throw invalidRequest(`The emulator supports only mode=payment, not mode=${mode}`, 'mode');
  }
  const lineItems = readLineItems(params);
  const currency = lineItems[0]?.currency ?? '';
  const amountTotal = lineItems.reduce((sum, item) => sum + item.amount_total, 0);
  // Stripe's real floor is about $0.50 and varies by currency; zero is surely a bug in the caller.
  if (amountTotal === 0) {
    throw invalidRequest("The Checkout Session's total amount due must be greater than zero", 'line_items');
  }
  const successUrl = readUrl(params, 'success_url');
  if (successUrl === undefined) throw missingParam('success_url');
  const cancelUrl = readUrl(params, 'cancel_url') ?? null;
  const clientReferenceId = params.string('client_reference_id') ?? null;
  if (clientReferenceId !== null && clientReferenceId.length > 200) {
    throw invalidRequest('client_reference_id can have up to 200 characters', 'client_reference_id');
  }
  const customerEmail = params.string('customer_email') ?? null;
  if (customerEmail !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(customerEmail)) {
    throw invalidRequest(`Invalid email address: ${customerEmail}`, 'customer_email', 'email_invalid');
  }
  const paymentMethodTypes = params.stringList('payment_method_types') ?? ['card'];
  if (paymentMethodTypes.some((type) => type !== 'card')) {
    throw invalidRequest('The emulator supports only payment_method_types=[card]', 'payment_method_types');
  }
  const metadata = params.metadata('metadata');
  const created = unixNow();
  const expiresAt = readExpiresAt(params, created);
  params.rejectUnknown();

  const id = newId('cs');
  return {
    id,
    object: 'checkout.session',
    amount_subtotal: amountTotal,
    amount_total: amountTotal,
    cancel_url: cancelUrl,
    client_reference_id: clientReferenceId,
    created,
    currency,
    customer: null,
    customer_details: null,
    customer_email: customerEmail,
    expires_at: expiresAt,
    line_items: {
      object: 'list',
      data: lineItems,
      has_more: false,
      url: `/v1/checkout/sessions/${id}/line_items`,
    },
    livemode: false,
    metadata,
    mode: 'payment',
    payment_intent: null,
    payment_method_types: paymentMethodTypes,
    payment_status: 'unpaid',
    status: 'open',
    success_url: successUrl,
    ui_mode: 'hosted',
    url: hostedPageUrl(id),
  };
}

function readLineItems(params: ParamReader): LineItem[] {
  const items = params.list('line_items');
  if (items === undefined || items.length === 0) throw missingParam('line_items');
  const lineItems = items.map((item): LineItem => {
    if (item.string('price') !== undefined) {
      throw invalidRequest(
        'The emulator supports only inline prices (price_data), not saved prices',
        item.pathOf('price'),
      );
    }
    const priceData = item.object('price_data');
    if (priceData === undefined) throw missingParam(item.pathOf('price_data'));
    const currency = priceData.requiredString('currency').toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) {
      throw invalidRequest(`Invalid currency: ${currency}`, priceData.pathOf('currency'));
    }
    const unitAmount = priceData.requiredInteger('unit_amount', 0);
    const productData = priceData.object('product_data');
    if (productData === undefined) throw missingParam(priceData.pathOf('product_data'));
    const name = productData.requiredString('name');
    productData.string('description'); // accepted, not shown
    const quantity = item.requiredInteger('quantity', 1);
    const amount = unitAmount * quantity;
    return {
      id: newId('li'),
      object: 'item',
      amount_subtotal: amount,
      amount_total: amount,
      currency,
      description: name,
      quantity,
      price: {
        id: newId('price'),
        object: 'price',
        currency,
        unit_amount: unitAmount,
        product: newId('prod'),
        type: 'one_time',
      },
    };
  });
  if (new Set(lineItems.map((item) => item.currency)).size > 1) {
    throw invalidRequest('All line items must use the same currency', 'line_items');
  }
  return lineItems;
}

function readUrl(params: ParamReader, name: string): string | undefined {
  const value = params.string(name);
  if (value === undefined) return undefined;
  // Checked as Stripe does, with its {CHECKOUT_SESSION_ID} placeholder left in.
  const protocol = URL.canParse(value) ? new URL(value).protocol : null;
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw invalidRequest('Not a valid URL', name, 'url_invalid');
  }
  return value;
}

function readExpiresAt(params: ParamReader, created: number): number {
  const expiresAt = params.integer('expires_at', 0);
  if (expiresAt === undefined) return created + MAX_EXPIRY_SECONDS;
  const earliest = created + MIN_EXPIRY_SECONDS - EXPIRY_SLACK_SECONDS;
  const latest = created + MAX_EXPIRY_SECONDS + EXPIRY_SLACK_SECONDS;
  if (expiresAt < earliest || expiresAt > latest) {
    throw invalidRequest(
      'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
      'expires_at',
    );
  }
  return expiresAt;
}
