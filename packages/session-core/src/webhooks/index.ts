/**
 * For a service that receives AutoDoctor's webhooks: the event's type and the signature check.
 * Needs no database (nothing here imports drizzle-orm or postgres).
 * @module
 */
export { webhookEventSchema, type WebhookEvent } from './webhook-event.ts';
export {
  signWebhookBody,
  verifyWebhook,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TOLERANCE_SECONDS,
  WebhookSignatureError,
  type VerifyWebhookInput,
  type WebhookSignatureFailure,
} from './webhook-signature.ts';
