import { signedInCustomer, signedInMechanicBrowser } from '@autodoctor/e2e/accounts';
import { ageHeartbeat } from '@autodoctor/e2e/database';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';

// The only journey that switches a mechanic online: the count customers see is its own.
test('the customer sees mechanics come online and go offline live, and a closed mechanic app drop out', async ({
  browser,
  page,
  context,
}, testInfo) => {
  await signedInCustomer(context);
  await page.goto(`${productState().customerUrl}/new`);
  const count = (n: number) => page.getByRole('status', { name: `Mechanics online: ${n}` });
  await expect(count(0)).toHaveText(/No mechanic is online right now/);

  const mechanicContext = await browser.newContext();
  const mechanic = await signedInMechanicBrowser(mechanicContext);
  const mechanicPage = await mechanicContext.newPage();
  await mechanicPage.goto(productState().mechanicUrl);
  const available = mechanicPage.getByRole('switch', { name: 'Available' });
  await expect(available).not.toBeChecked();
  await available.click();
  await expect(available).toBeChecked();

  // No reload: the count is pushed to the open page.
  await expect(count(1)).toHaveText('1 mechanic online now');
  await captureScreens(page, testInfo, 'customer-intake-mechanic-online');

  // Still online after a reload of the mechanic app (the database knows, not the tab).
  await mechanicPage.reload();
  await expect(available).toBeChecked();

  // Going offline shows at once too (it used to wait for the next poll).
  await available.click();
  await expect(available).not.toBeChecked();
  await expect(count(0)).toBeVisible();
  await captureScreens(page, testInfo, 'customer-intake-mechanic-offline');

  // The app is closed while online and no heartbeat comes for minutes: offline by itself.
  await available.click();
  await expect(count(1)).toBeVisible();
  await mechanicContext.close();
  await ageHeartbeat(mechanic.userId, 10);
  await page.reload();
  await expect(count(0)).toBeVisible();
});
