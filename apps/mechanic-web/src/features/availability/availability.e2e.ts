import { signedInCustomer, signedInMechanicBrowser } from '@autodoctor/e2e/accounts';
import { ageHeartbeat } from '@autodoctor/e2e/database';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';

// The only journey that switches a mechanic online: the count customers see is its own.
test('a mechanic going online is counted for customers, and counts as offline once the app is gone', async ({
  browser,
  page,
  context,
}, testInfo) => {
  await signedInCustomer(context);
  await page.goto(`${productState().customerUrl}/new`);
  await expect(page.getByText('No mechanic is online right now')).toBeVisible();

  const mechanicContext = await browser.newContext();
  const mechanic = await signedInMechanicBrowser(mechanicContext);
  const mechanicPage = await mechanicContext.newPage();
  await mechanicPage.goto(productState().mechanicUrl);
  const available = mechanicPage.getByRole('switch', { name: 'Available' });
  await expect(available).not.toBeChecked();
  await available.click();
  await expect(available).toBeChecked();

  await page.reload();
  await expect(page.getByText('1 mechanic online now')).toBeVisible();
  await captureScreens(page, testInfo, 'customer-intake-mechanic-online');

  // Still online after a reload of the mechanic app (the database knows, not the tab).
  await mechanicPage.reload();
  await expect(available).toBeChecked();

  // The app is closed and no heartbeat comes for minutes: offline by itself.
  await mechanicContext.close();
  await ageHeartbeat(mechanic.userId, 10);
  await page.reload();
  await expect(page.getByText('No mechanic is online right now')).toBeVisible();
});
