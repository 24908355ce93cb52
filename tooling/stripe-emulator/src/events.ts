// Every event the emulator emits: recorded for tests, then handed to webhook delivery.
import { newId, unixNow } from './ids.ts';
import type { CheckoutSession, Refund, StripeEvent, StripeEventType } from './stripe-objects.ts';
import type { WebhookDispatcher } from './webhooks.ts';

/** Where an event came from: the API request behind it, or none (a customer on the hosted page, or time). */
export interface EventOrigin {
  apiVersion: string;
  requestId: string | null;
  idempotencyKey: string | null;
}

export class EventLog {
  private readonly emitted: StripeEvent[] = [];

  constructor(private readonly webhooks: WebhookDispatcher) {}

  emit(type: StripeEventType, object: CheckoutSession | Refund, origin: EventOrigin): StripeEvent {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: origin.apiVersion,
      created: unixNow(),
      type,
      // A snapshot: later changes to the object must not rewrite history.
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: this.webhooks.endpointCount(),
      request: { id: origin.requestId, idempotency_key: origin.idempotencyKey },
    };
    this.emitted.push(event);
    this.webhooks.dispatch(event);
    return event;
  }

  list(): StripeEvent[] {
    return structuredClone(this.emitted);
  }
}
