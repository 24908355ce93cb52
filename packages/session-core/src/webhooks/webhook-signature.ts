import { createHmac, timingSafeEqual } from 'node:crypto';
import { webhookEventSchema, type WebhookEvent } from './webhook-event.ts';

/**
 * The header that signs a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the
 * scheme Stripe uses. During a change of secret it carries one `v1=` per secret.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'AutoDoctor-Signature';

/** How old a signature may be, by default, before it is refused as a replay: 5 minutes. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** Why a delivery was refused: nothing in it should be trusted. */
export type WebhookSignatureFailure =
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_outside_tolerance'
  | 'signature_mismatch'
  | 'invalid_body';

/** A delivery whose signature or body does not check out. */
export class WebhookSignatureError extends Error {
  constructor(
    readonly reason: WebhookSignatureFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function signWebhookBody(body: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export interface VerifyWebhookInput {
  /** The request body exactly as received (not parsed and re-serialised). */
  body: string | Uint8Array;
  /** The `AutoDoctor-Signature` header's value. */
  signature: string | null | undefined;
  /** The endpoint's secret (`whsec_…`), or the old and the new one while it changes. */
  secret: string | readonly string[];
  toleranceSeconds?: number;
  /** Unix seconds; now by default. */
  now?: number;
}

/**
 * Checks a delivery and returns its event: the signature must be made with the secret over this
 * very body, at most `toleranceSeconds` ago. Throws `WebhookSignatureError` otherwise. Answer 2xx
 * quickly once it returns; keep the event's `id` to drop a repeat.
 */
export function verifyWebhook(input: VerifyWebhookInput): WebhookEvent {
  const { signature, toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS } = input;
  if (!signature) throw new WebhookSignatureError('missing_header', `No ${WEBHOOK_SIGNATURE_HEADER} header`);
  const body = typeof input.body === 'string' ? input.body : Buffer.from(input.body).toString('utf8');
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of signature.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === undefined || candidates.length === 0) {
    throw new WebhookSignatureError('malformed_header', `${WEBHOOK_SIGNATURE_HEADER} has no t= and v1=`);
  }
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > toleranceSeconds) {
    throw new WebhookSignatureError(
      'timestamp_outside_tolerance',
      `The signature was made ${now - timestamp} s ago (at most ${toleranceSeconds} s allowed)`,
    );
  }
  const secrets = typeof input.secret === 'string' ? [input.secret] : input.secret;
  const expected = secrets.map((secret) => Buffer.from(hmacHex(secret, timestamp, body), 'hex'));
  const matches = candidates.some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return expected.some((wanted) => timingSafeEqual(given, wanted));
  });
  if (!matches) {
    throw new WebhookSignatureError(
      'signature_mismatch',
      'The signature does not match this body and secret',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new WebhookSignatureError('invalid_body', 'The body is not JSON');
  }
  const event = webhookEventSchema.safeParse(parsed);
  if (!event.success) {
    throw new WebhookSignatureError(
      'invalid_body',
      `The body is not a webhook event: ${event.error.message}`,
    );
  }
  return event.data;
}
