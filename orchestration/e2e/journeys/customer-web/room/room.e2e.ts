import { signedInCustomer, signedInMechanicBrowser } from '@autodoctor/e2e/accounts';
import {
  fillIntake,
  sessionIdOf,
  startSessionThroughIntake,
  statusOf,
} from '@autodoctor/e2e/customer-actions';
import {
  endSessionWithSummary,
  openQueue,
  queueEntry,
  SAMPLE_SUMMARY,
  uniqueConcern,
} from '@autodoctor/e2e/mechanic-actions';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { cutOff, expect, test } from '@autodoctor/e2e/test';
import type { Locator, Page } from '@playwright/test';

/** A session's room as one side sees it, found by its name. */
function room(page: Page, otherName: string) {
  const region = page.getByRole('region', { name: `Conversation with ${otherName}` });
  return {
    region,
    log: region.getByRole('log', { name: `Conversation with ${otherName}` }),
    composer: region.getByRole('textbox', { name: `Message to ${otherName}` }),
    send: region.getByRole('button', { name: 'Send' }),
    /** A message (or system line) of the conversation, by its text. */
    entry: (text: string | RegExp): Locator =>
      region.getByRole('log').getByRole('listitem').filter({ hasText: text }),
  };
}

/** A real JPEG, drawn and encoded by the browser itself (a photo of a "wheel", say). */
async function jpeg(page: Page, label: string, color: string): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ label, color }) => {
      const canvas = document.createElement('canvas');
      canvas.width = 800;
      canvas.height = 600;
      const context = canvas.getContext('2d')!;
      context.fillStyle = color;
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = '#ffffff';
      context.font = 'bold 64px sans-serif';
      context.fillText(label, 60, 320);
      const blob = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob(
          (result) => (result ? resolve(result) : reject(new Error('no JPEG'))),
          'image/jpeg',
          0.9,
        ),
      );
      let binary = '';
      for (const byte of new Uint8Array(await blob.arrayBuffer())) binary += String.fromCharCode(byte);
      return btoa(binary);
    },
    { label, color },
  );
  return Buffer.from(base64, 'base64');
}

/** Attaches a photo the way a person does: the attach button, then the file chooser. */
async function attachPhoto(
  page: Page,
  region: Locator,
  name: string,
  bytes: Buffer,
  button = 'Attach photos',
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await region.getByRole('button', { name: button }).click();
  await (await chooser).setFiles({ name, mimeType: 'image/jpeg', buffer: bytes });
}

/** The live region's text: what a screen reader has been told of new entries. */
function announcements(region: Locator): Locator {
  return region.locator('[aria-live="polite"]');
}

test('a customer and a mechanic talk a session through in its room, then find it read-only in their histories', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const customerContext = await browser.newContext();
  const mechanicContext = await browser.newContext();
  await signedInCustomer(customerContext, { name: 'Casey Driver' });
  await signedInMechanicBrowser(mechanicContext, 'Sam Torque');
  const customerPage = await customerContext.newPage();
  const mechanicPage = await mechanicContext.newPage();
  const customer = room(customerPage, 'Sam Torque');
  const mechanic = room(mechanicPage, 'Casey');

  // The customer starts a free session; the mechanic accepts it from the live queue.
  await openQueue(mechanicPage);
  const concern = uniqueConcern('Grinding from the front left wheel');
  // The intake, with a photo of the dashboard.
  await customerPage.goto(`${productState().customerUrl}/new`);
  await fillIntake(customerPage, { concern, payment: /Free session/ });
  await attachPhoto(
    customerPage,
    customerPage.getByRole('region', { name: 'Photos' }),
    'dashboard.jpg',
    await jpeg(customerPage, 'Warning light', '#15803d'),
    'Add photos',
  );
  await expect(
    customerPage
      .getByRole('list', { name: 'Photos for the mechanic' })
      .getByRole('img', { name: 'Uploaded photo 1 (dashboard.jpg)' }),
  ).toBeVisible();
  await expectAccessible(customerPage);
  await captureScreens(customerPage, testInfo, 'intake-with-photo');
  await customerPage.getByRole('button', { name: 'Start session' }).click();
  await expect(customerPage).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  const sessionId = sessionIdOf(customerPage);
  await expect(
    customerPage.getByRole('list', { name: 'Photos with your request' }).getByRole('button'),
  ).toHaveCount(1);
  await expect(customer.region).toHaveCount(0); // no room before the accept
  await queueEntry(mechanicPage, concern)
    .getByRole('button', { name: /^Accept/ })
    .click();
  await expect(mechanicPage).toHaveURL(new RegExp(`/sessions/${sessionId}$`));

  // The room opens on both sides, with the accept's system line; focus is in the composer.
  await expect(mechanic.composer).toBeFocused();
  await expect(mechanic.entry('You accepted the session')).toBeVisible();
  await expect(
    mechanicPage
      .getByRole('list', { name: 'Photos from Casey' })
      .getByRole('button', { name: 'Photo from Casey: open full size' }),
  ).toBeVisible();
  await expect(statusOf(customerPage, 'waiting')).toBeVisible();
  await expect(customer.entry('Sam Torque accepted the session')).toBeVisible();
  await expect(customer.composer).toBeFocused();

  // The customer writes two lines (Shift+Enter) and sends with Enter, keyboard only.
  await customer.composer.pressSequentially('The brakes grind');
  await customerPage.keyboard.press('Shift+Enter');
  await customer.composer.pressSequentially('only at low speed');
  await expect(customer.region.getByText('34 / 4,000 characters')).toBeVisible();
  await customerPage.keyboard.press('Enter');
  await expect(customer.composer).toHaveValue('');
  const first = customer.entry('The brakes grind');
  // Stored: "Sent", or already "Seen" when the mechanic's screen was quicker than this check.
  await expect(first).toContainText(/Sent|Seen/);
  await expect(first.getByText('The brakes grind\nonly at low speed')).toBeVisible();

  // The mechanic gets it live (and a screen reader hears it once, not the history).
  const fromCustomer = mechanic.entry('The brakes grind');
  await expect(fromCustomer).toBeVisible();
  await expect(announcements(mechanic.region)).toContainText('The brakes grind');
  await expect(announcements(mechanic.region)).not.toContainText('accepted the session');

  // Typing: the mechanic types, the customer sees it; it clears after the message.
  await mechanic.composer.pressSequentially('Which wheel, front left?');
  await expect(customer.region.getByText('Casey is typing…')).toHaveCount(0);
  await expect(customer.region.getByText('Sam Torque is typing…')).toBeVisible();
  await captureScreens(customerPage, testInfo, 'room-customer-typing');
  await mechanicPage.keyboard.press('Enter');
  await expect(customer.entry('Which wheel, front left?')).toBeVisible();
  await expect(customer.region.getByText('Sam Torque is typing…')).toHaveCount(0);

  // Read state: each side has seen the other's message.
  await expect(customer.entry('The brakes grind')).toContainText('Seen');
  await expect(mechanic.entry('Which wheel, front left?')).toContainText('Seen');

  // A photo from the customer: chosen, uploaded with a progress bar, sent with a line of text.
  await attachPhoto(
    customerPage,
    customer.region,
    'wheel.jpg',
    await jpeg(customerPage, 'Front left', '#1d4ed8'),
  );
  const customerTiles = customer.region.getByRole('list', { name: 'Photos to send' });
  await expect(customerTiles.getByRole('img', { name: 'Uploaded photo 1 (wheel.jpg)' })).toBeVisible();
  await customer.composer.fill('Yes, this one');
  await customer.send.click();
  await expect(customerTiles).toHaveCount(0);
  await expect(customer.entry('Yes, this one')).toContainText(/Sent|Seen/);

  // The mechanic opens it full size.
  const photoButton = mechanic
    .entry('Yes, this one')
    .getByRole('button', { name: 'Photo from Casey: open full size' });
  await photoButton.click();
  const photoDialog = mechanicPage.getByRole('dialog', { name: 'Photo from Casey' });
  const fullSize = photoDialog.getByRole('img', { name: 'Photo from Casey' });
  await expect(fullSize).toBeVisible();
  expect(await fullSize.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(
    800,
  );
  await captureScreens(mechanicPage, testInfo, 'room-mechanic-photo');
  await mechanicPage.keyboard.press('Escape');
  await expect(photoDialog).toHaveCount(0);
  await expect(photoButton).toBeFocused();

  // A photo from the mechanic, on its own (no text).
  await attachPhoto(
    mechanicPage,
    mechanic.region,
    'pads.jpg',
    await jpeg(mechanicPage, 'Worn pads', '#b91c1c'),
  );
  const mechanicTiles = mechanic.region.getByRole('list', { name: 'Photos to send' });
  await expect(mechanicTiles.getByRole('img', { name: 'Uploaded photo 1 (pads.jpg)' })).toBeVisible();
  await mechanic.composer.focus();
  await mechanicPage.keyboard.press('Enter');
  await expect(
    customer.log.getByRole('button', { name: 'Photo from Sam Torque: open full size' }),
  ).toBeVisible();
  await expect(announcements(customer.region)).toContainText('Sam Torque sent a photo');

  // The session goes live: a system line on both sides.
  await mechanicPage.getByRole('button', { name: 'Start session' }).click();
  await expect(mechanic.entry('The session is live')).toBeVisible();
  await expect(customer.entry('The session is live')).toBeVisible();
  await expect(mechanic.composer).toBeEnabled();

  await expectAccessible(customerPage);
  await expectAccessible(mechanicPage);
  await captureScreens(customerPage, testInfo, 'room-customer-live');
  await captureScreens(mechanicPage, testInfo, 'room-mechanic-live');

  // The mechanic ends it, with the summary the End dialog asks for.
  await endSessionWithSummary(mechanicPage);

  // Both rooms turn read-only, with the end's system line.
  for (const side of [customer, mechanic]) {
    await expect(side.entry('The session ended')).toBeVisible();
    await expect(side.region.getByText(/This session is over/)).toBeVisible();
    await expect(side.composer).toHaveCount(0);
  }
  await captureScreens(customerPage, testInfo, 'room-customer-ended');

  // The histories lead back to the conversation, read-only, for both.
  await customerPage.goto(productState().customerUrl);
  await customerPage
    .getByRole('list', { name: 'Your sessions' })
    .getByRole('link')
    .filter({ hasText: concern })
    .click();
  await expect(customerPage).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await expect(customer.entry('The brakes grind')).toBeVisible();
  await expect(customer.entry('Which wheel, front left?')).toBeVisible();
  await expect(
    customer.log.getByRole('button', { name: 'Photo from Sam Torque: open full size' }),
  ).toBeVisible();
  await expect(customer.composer).toHaveCount(0);
  await expect(customerPage.getByText(SAMPLE_SUMMARY.found)).toBeVisible();
  // Nothing of the history is announced when it is opened again.
  await expect(announcements(customer.region)).toHaveText('');
  await expectAccessible(customerPage);
  await captureScreens(customerPage, testInfo, 'room-customer-history');

  await mechanicPage.getByRole('link', { name: 'History' }).click();
  await mechanicPage
    .getByRole('list', { name: 'Sessions you handled' })
    .getByRole('link')
    .filter({ hasText: concern })
    .click();
  await expect(mechanicPage).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await expect(mechanic.entry('Yes, this one')).toBeVisible();
  await expect(mechanic.composer).toHaveCount(0);
  await expectAccessible(mechanicPage);
  await captureScreens(mechanicPage, testInfo, 'room-mechanic-history');

  await customerContext.close();
  await mechanicContext.close();
});

test('a message that could not be sent stays, with Retry, and is stored once', async ({
  browser,
  consoleErrors,
}) => {
  consoleErrors.allow(cutOff('/trpc/room.send'), 'the first send is cut off on purpose');
  const customerContext = await browser.newContext();
  const mechanicContext = await browser.newContext();
  await signedInCustomer(customerContext, { name: 'Robin Gear' });
  await signedInMechanicBrowser(mechanicContext, 'Alex Spanner');
  const customerPage = await customerContext.newPage();
  const mechanicPage = await mechanicContext.newPage();
  const customer = room(customerPage, 'Alex Spanner');
  const mechanic = room(mechanicPage, 'Robin');

  await openQueue(mechanicPage);
  const concern = uniqueConcern('Battery light comes on at idle');
  const sessionId = await startSessionThroughIntake(customerPage, { concern, payment: /Free session/ });
  await queueEntry(mechanicPage, concern)
    .getByRole('button', { name: /^Accept/ })
    .click();
  await expect(mechanicPage).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await expect(customer.composer).toBeFocused();

  // The send is cut off on its way: the message stays, failed, with its text and a Retry.
  await customerPage.route('**/trpc/room.send**', (route) => route.abort('connectionreset'), { times: 1 });
  await customer.composer.fill('Is it the alternator?');
  await customerPage.keyboard.press('Enter');
  const message = customer.entry('Is it the alternator?');
  await expect(message).toContainText('Not sent: Could not reach AutoDoctor.');
  await message.getByRole('button', { name: 'Retry' }).click();
  await expect(message).toContainText(/Sent|Seen/);
  await expect(mechanic.entry('Is it the alternator?')).toHaveCount(1);

  // A draft survives leaving the page.
  await customer.composer.fill('Half-written question');
  await customerPage.goto(productState().customerUrl);
  await customerPage.goto(`${productState().customerUrl}/sessions/${sessionId}`);
  await expect(customer.composer).toHaveValue('Half-written question');
  await expect(customer.entry('Is it the alternator?')).toHaveCount(1);

  await customerContext.close();
  await mechanicContext.close();
});
