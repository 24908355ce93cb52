import { createECDH } from 'node:crypto';
import { z } from 'zod';

/** The limits of a mechanic's Web Push subscriptions. */
export const PUSH_SUBSCRIPTION_LIMITS = {
  /** Push services' endpoints are a few hundred characters (FCM, Mozilla, Apple, Windows). */
  endpointMaxLength: 1024,
  /** Devices per mechanic: a new one beyond it replaces the one subscribed longest ago. */
  perMechanic: 10,
} as const;

const base64url = (bytes: number) => {
  const length = Math.ceil((bytes * 4) / 3);
  return z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${length}}=*$`), `must be ${bytes} bytes, base64url`);
};

/** Whether the key is a point on P-256 (else every push to it would fail to encrypt). */
function isP256Point(value: string): boolean {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(value, 'base64url')); // throws on a point not on the curve
    return true;
  } catch {
    return false;
  }
}

/** The push service's URL of this browser's subscription. */
export const pushEndpointField = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .max(PUSH_SUBSCRIPTION_LIMITS.endpointMaxLength);

/** A browser's `PushSubscription.toJSON()` (its `expirationTime` is not kept). */
export const subscribePushInput = z.object({
  endpoint: pushEndpointField,
  keys: z.object({
    p256dh: base64url(65).refine(isP256Point, 'must be an uncompressed P-256 public key'),
    auth: base64url(16),
  }),
});
