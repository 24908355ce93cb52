// The Stripe objects the emulator returns: only the fields AutoDoctor reads plus the
// identifying ones, named and typed as in Stripe's API so SDK callers see familiar shapes.

export type Metadata = Record<string, string>;

export interface LineItem {
  id: string;
  object: 'item';
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  description: string;
  quantity: number;
  price: {
    id: string;
    object: 'price';
    currency: string;
    unit_amount: number;
    product: string;
    type: 'one_time';
  };
}

export interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  amount_subtotal: number;
  amount_total: number;
  cancel_url: string | null;
  client_reference_id: string | null;
  created: number;
  currency: string;
  customer: null;
  customer_details: { email: string | null } | null;
  customer_email: string | null;
  expires_at: number;
  /** Real Stripe only returns line items when expanded; the emulator always includes them. */
  line_items: ListObject<LineItem>;
  livemode: false;
  metadata: Metadata;
  mode: 'payment';
  payment_intent: string | null;
  payment_method_types: string[];
  payment_status: 'unpaid' | 'paid';
  status: 'open' | 'complete' | 'expired';
  success_url: string;
  ui_mode: 'hosted';
  url: string | null;
}

export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: RefundReason | null;
  receipt_number: null;
  status: 'succeeded';
}

export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export interface ListObject<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export type StripeEventType = 'checkout.session.completed' | 'checkout.session.expired' | 'refund.created';

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: StripeEventType;
  data: { object: CheckoutSession | Refund };
  livemode: false;
  pending_webhooks: number;
  /** The API request that caused the event; null ids when a customer caused it (the hosted page). */
  request: { id: string | null; idempotency_key: string | null };
}
