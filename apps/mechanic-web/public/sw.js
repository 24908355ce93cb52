// The mechanic app's service worker: it shows the Web Push notifications the API sends (new
// sessions in the queue, a customer's decision on a quote) and opens the app when one is clicked.
// Plain JavaScript served as it is (public/): no caching, no build step. The payload is the API's
// `PushMessage` (apps/api/src/push/push-sender.ts): { kind, title, body, tag, url }.

const FALLBACK = {
  title: 'AutoDoctor',
  body: 'Something needs your attention.',
  tag: 'autodoctor',
  url: '/',
};

/** The message of a push, or the fallback when it is missing or not ours (a push must show something). */
function messageOf(data) {
  try {
    const message = data ? data.json() : null;
    if (message && typeof message.title === 'string' && typeof message.body === 'string') {
      return {
        title: message.title,
        body: message.body,
        tag: typeof message.tag === 'string' ? message.tag : FALLBACK.tag,
        url: typeof message.url === 'string' && message.url.startsWith('/') ? message.url : FALLBACK.url,
      };
    }
  } catch {
    // Not JSON: the fallback.
  }
  return FALLBACK;
}

self.addEventListener('push', (event) => {
  const message = messageOf(event.data);
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      // One notification per tag: a new summary replaces the last one, and still alerts (renotify).
      tag: message.tag,
      renotify: true,
      icon: '/favicon.svg',
      data: { url: message.url },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const path = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(openApp(new URL(path, self.location.origin).href));
});

/** Focuses a tab of the app (on `url`), or opens one. */
async function openApp(url) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (!tab) {
    await self.clients.openWindow(url);
    return;
  }
  const focused = await tab.focus();
  if (focused.url !== url && 'navigate' in focused) {
    // navigate() works on tabs this worker controls; another stays where it is, focused.
    await focused.navigate(url).catch(() => undefined);
  }
}
