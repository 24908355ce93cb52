import { signedInMechanicBrowser } from '@autodoctor/e2e/accounts';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';

// Chromium here cannot subscribe (Playwright's contexts are incognito, and no push service is in
// reach): the browser refuses a subscription, so this journey walks the control up to there, and then hands the worker the app
// registered a push itself (DevTools' ServiceWorker.deliverPushMessage), as a push service would.
// The API's side of the protocol is apps/api/src/push/push.test.ts.
test('the mechanic app: "Notify me on this device", and its service worker showing a push', async ({
  page,
  context,
  consoleErrors,
}, testInfo) => {
  consoleErrors.allow(
    /Chrome currently does not support the Push API in incognito mode/,
    "Chrome's own words when the app subscribes: Playwright's contexts are incognito (the refusal this journey expects)",
  );
  const { mechanicUrl } = productState();
  await context.grantPermissions(['notifications'], { origin: mechanicUrl });
  await signedInMechanicBrowser(context, 'Pia Push');
  await page.goto(mechanicUrl);
  await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible();

  // `pnpm dev` made a VAPID pair: push is on, and this device is not subscribed yet.
  const device = page.getByRole('switch', { name: 'Notify me on this device' });
  await expect(device).toHaveAttribute('aria-checked', 'false');
  await expect(device).toHaveAccessibleDescription(/^Off: nothing is sent to this device/);
  await expectAccessible(page);
  await captureScreens(page, testInfo, 'mechanic-push-settings');

  const cdp = await context.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
  await cdp.send('ServiceWorker.enable');

  await device.click();
  // The browser's refusal is said, and the switch stays off (nothing half on).
  await expect(page.getByRole('alert')).toContainText('Notifications were not turned on.');
  await expect(device).toHaveAttribute('aria-checked', 'false');

  // The app registered public/sw.js on the way: a push to it shows as the notification.
  const scope = `${new URL(mechanicUrl).origin}/`;
  await expect.poll(() => registrations.some((r) => r.scopeURL === scope && !r.isDeleted)).toBe(true);
  const registration = registrations.find((r) => r.scopeURL === scope && !r.isDeleted)!;
  const message = {
    kind: 'new_session',
    title: '3 sessions waiting — oldest 4 min',
    body: 'Newest: 2020 Kia Ceed',
    tag: 'new-sessions',
    url: '/',
  };
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(mechanicUrl).origin,
    registrationId: registration.registrationId,
    data: JSON.stringify(message),
  });
  const shown = () =>
    page.evaluate(async () => {
      const worker = await navigator.serviceWorker.ready;
      return (await worker.getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        // Chromium has it; TypeScript's DOM types dropped it from Notification.
        renotify: (n as Notification & { renotify?: boolean }).renotify,
        data: n.data as unknown,
      }));
    });
  await expect
    .poll(shown)
    .toEqual([
      { title: message.title, body: message.body, tag: 'new-sessions', renotify: true, data: { url: '/' } },
    ]);

  // The next summary replaces it (one tag), not a second notification.
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(mechanicUrl).origin,
    registrationId: registration.registrationId,
    data: JSON.stringify({ ...message, title: '4 sessions waiting — oldest 5 min' }),
  });
  await expect
    .poll(async () => (await shown()).map((n) => n.title))
    .toEqual(['4 sessions waiting — oldest 5 min']);
});
