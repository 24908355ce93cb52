/** The app's service worker (public/sw.js): it shows the pushes. */
const WORKER_URL = '/sw.js';

/** Whether this browser can get Web Push at all (a service worker, the Push API, notifications). */
export function pushSupported(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    'serviceWorker' in navigator &&
    typeof window !== 'undefined' &&
    'PushManager' in window &&
    'Notification' in window
  );
}

/** The browser's answer for notifications: `default` until asked. */
export function notificationPermission(): NotificationPermission {
  return Notification.permission;
}

/** A subscription as the API takes it (`mechanic.subscribePush`). */
export interface DeviceSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

function toDeviceSubscription(subscription: PushSubscription): DeviceSubscription {
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth)
    throw new Error('The browser gave a subscription without keys');
  return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function sameKey(subscription: PushSubscription, publicKey: string): boolean {
  const current = subscription.options.applicationServerKey;
  if (!current) return false;
  const wanted = keyBytes(publicKey);
  const bytes = new Uint8Array(current);
  return bytes.length === wanted.length && bytes.every((byte, index) => byte === wanted[index]);
}

/** This browser's subscription, if it has one made with the server's current key. */
export async function currentSubscription(publicKey: string): Promise<DeviceSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration(WORKER_URL);
  const subscription = await registration?.pushManager.getSubscription();
  return subscription && sameKey(subscription, publicKey) ? toDeviceSubscription(subscription) : null;
}

/**
 * Asks for permission (the browser's prompt, once), registers the worker and subscribes with the
 * server's key (a subscription made with an older key is replaced). Null when permission is refused.
 */
export async function subscribeDevice(publicKey: string): Promise<DeviceSubscription | null> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return null;
  const registration = await navigator.serviceWorker.register(WORKER_URL);
  await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  if (existing && !sameKey(existing, publicKey)) await existing.unsubscribe();
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(publicKey),
  });
  return toDeviceSubscription(subscription);
}

/** Ends this browser's subscription; its endpoint (for the API to forget), or null if it had none. */
export async function unsubscribeDevice(): Promise<string | null> {
  const registration = await navigator.serviceWorker.getRegistration(WORKER_URL);
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return null;
  await subscription.unsubscribe();
  return subscription.endpoint;
}
