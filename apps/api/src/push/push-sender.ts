import type { Agent } from 'node:https';
import webPush from 'web-push';
import type { ApiConfig } from '../config.ts';

/** The application server's VAPID identity (RFC 8292), from the settings. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** A contact for push services: `mailto:` or `https:`. */
  subject: string;
}

/** The VAPID keys of the settings, or null: push is off. */
export function vapidKeysOf(config: ApiConfig): VapidKeys | null {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject } = config;
  return publicKey && privateKey && subject ? { publicKey, privateKey, subject } : null;
}

/** A browser's subscription as stored (`push_subscriptions`). */
export interface StoredSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/**
 * What the mechanic app's service worker receives (the encrypted payload, JSON): it shows
 * `title` and `body` as a notification tagged `tag`, and opens `url` (a path of the app) on click.
 */
export interface PushMessage {
  kind: 'new_session' | 'quote_decided';
  title: string;
  body: string;
  tag: string;
  url: string;
}

/** How a push service is asked to deliver (RFC 8030 headers). */
export interface PushDelivery {
  /** Replaces an undelivered message with the same topic (a device offline meanwhile gets one). */
  topic: string;
  /** How long the push service keeps it for a device that is offline. */
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
}

/** delivered: the push service took it; gone: the subscription expired (404/410); failed: try again later. */
export type PushOutcome =
  { outcome: 'delivered' } | { outcome: 'gone'; statusCode: number } | { outcome: 'failed'; error: string };

// A push service that does not answer must not hold the scheduler's transaction for long.
const PUSH_TIMEOUT_MS = 10_000;

/** Sends Web Push messages (encrypted per RFC 8291, signed with the VAPID keys) with `web-push`. */
export class PushSender {
  constructor(
    readonly vapid: VapidKeys,
    /** An HTTPS agent for push services (tests: one trusting their local push service's certificate). */
    private readonly agent?: Agent,
  ) {}

  async send(
    subscription: StoredSubscription,
    message: PushMessage,
    delivery: PushDelivery,
  ): Promise<PushOutcome> {
    try {
      await webPush.sendNotification(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        JSON.stringify(message),
        {
          vapidDetails: this.vapid,
          TTL: delivery.ttlSeconds,
          topic: delivery.topic,
          urgency: delivery.urgency,
          timeout: PUSH_TIMEOUT_MS,
          ...(this.agent ? { agent: this.agent } : {}),
        },
      );
      return { outcome: 'delivered' };
    } catch (error) {
      if (error instanceof webPush.WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
        return { outcome: 'gone', statusCode: error.statusCode };
      }
      const described =
        error instanceof webPush.WebPushError
          ? `HTTP ${error.statusCode}: ${error.body.slice(0, 200)}`
          : error instanceof Error
            ? error.message
            : String(error);
      return { outcome: 'failed', error: described };
    }
  }
}
