import { signedInCustomer, signedInMechanicBrowser } from '@autodoctor/e2e/accounts';
import { productDatabase } from '@autodoctor/e2e/database';
import { openQueue, queueEntry, uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { createSessionRecord } from '@autodoctor/session-core';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';

test('the queue works from the keyboard alone, lists booked sessions apart, and remembers the alert choices', async ({
  browser,
  page,
  context,
}, testInfo) => {
  // Two waiting sessions and one booked for tomorrow, made as the API would make them.
  const db = productDatabase();
  const scratch = await browser.newContext();
  const concerns = [
    uniqueConcern('Whining noise when turning the wheel'),
    uniqueConcern('Wipers stop mid-sweep'),
  ];
  for (const [index, concern] of concerns.entries()) {
    const customer = await signedInCustomer(scratch);
    await createSessionRecord(db, {
      type: 'free',
      customerUserId: customer.userId,
      vehicle: { year: 2015 + index, make: 'Kia', model: index === 0 ? 'Rio' : 'Soul' },
      concern: `${concern}\nIt started last week and gets worse when the engine is cold.`,
    });
  }
  const booked = await signedInCustomer(scratch);
  const bookedConcern = uniqueConcern('Pre-purchase questions');
  await createSessionRecord(db, {
    type: 'free',
    customerUserId: booked.userId,
    vehicle: { year: 2012, make: 'Saab', model: '9-3' },
    concern: bookedConcern,
    scheduledFor: new Date(Date.now() + 24 * 3600_000),
  });
  await scratch.close();

  await signedInMechanicBrowser(context);
  await openQueue(page);
  await expect(page.getByText('Enter', { exact: true })).toBeVisible();
  const upcoming = page.getByRole('list', { name: 'Upcoming sessions' });
  await expect(upcoming.getByText(bookedConcern)).toBeVisible();
  await expect(queueEntry(page, bookedConcern)).toHaveCount(0);

  // Tab into the queue, move with the arrows to the first of ours, open it, accept with A.
  const first = queueEntry(page, concerns[0]!);
  await expect(first).toBeVisible();
  await page.getByRole('list', { name: 'Waiting sessions' }).getByRole('article').first().focus();
  for (let step = 0; step < 200; step++) {
    if (await first.evaluate((element) => element === document.activeElement)) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(first.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(queueEntry(page, concerns[1]!)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(first).toBeFocused();
  await expectAccessible(page);
  await captureScreens(page, testInfo, 'mechanic-queue-keyboard');
  await page.keyboard.press('a');
  await expect(page.getByRole('heading', { name: '2015 Kia Rio', level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Message to / })).toBeFocused();

  // Alert choices: off by default, one click to turn on, remembered.
  await page.getByRole('link', { name: 'Queue' }).click();
  const sound = page.getByRole('switch', { name: 'Play a sound for new sessions' });
  await expect(sound).not.toBeChecked();
  await sound.click();
  await expect(sound).toBeChecked();
  await context.grantPermissions(['notifications']);
  const notify = page.getByRole('switch', { name: 'Show a desktop notification' });
  await notify.click();
  await expect(notify).toBeChecked();
  await page.reload();
  await expect(sound).toBeChecked();
  await expect(notify).toBeChecked();
});
