/**
 * How often screens refresh on their own. Live events refresh them at once;
 * these intervals are the safety net when an event is missed or the feed is down.
 */
export const REFRESH_INTERVALS = {
  /** The seed's banner refreshes every 30 seconds. */
  activeSessionMs: 30_000,
  /** Queue position and estimated wait of a pending session. */
  queueStatusMs: 15_000,
  /** A page waiting for a Stripe payment to be confirmed. */
  paymentConfirmationMs: 1_500,
  /** Clocks that tick (how long a session has waited). */
  tickMs: 1_000,
} as const;
