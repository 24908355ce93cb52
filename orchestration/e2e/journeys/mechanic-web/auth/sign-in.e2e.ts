import { signedInCustomer, signedInMechanic, TEST_PASSWORD } from '@autodoctor/e2e/accounts';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';

test.describe('the mechanic app', () => {
  test('one browser, signed in as a customer in one app and as a mechanic in the other', async ({
    page,
    context,
    consoleErrors,
  }, testInfo) => {
    consoleErrors.allow(refusal(403, '/api/auth/sign-in/email'), 'a customer account, refused on purpose');
    const { customerUrl, mechanicUrl } = productState();
    const customer = await signedInCustomer(context, { name: 'Pat Customer' });
    const mechanic = await signedInMechanic('Alex Spanner');

    await page.goto(mechanicUrl);
    await expect(page.getByRole('heading', { name: 'Sign in for mechanics' })).toBeVisible();
    await expect(page.getByText(/there is no sign-up here/)).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'mechanic-sign-in');

    // A customer account is refused here, clearly, and stays signed in to the customer app.
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('customer');

    await page.getByLabel('Email').fill(mechanic.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Each new screen's heading takes focus, as a screen-reader user expects.
    await expect(page.getByRole('heading', { name: 'Queue' })).toBeFocused();
    await expect(page.getByText('Alex Spanner')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'mechanic-queue');

    await page.goto(customerUrl);
    await expect(page.getByRole('heading', { name: 'Hello, Pat' })).toBeVisible();
    await page.goto(mechanicUrl);
    await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible();

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'History' })
      .press('Enter');
    await expect(page.getByRole('heading', { name: 'History' })).toBeFocused();

    // Signing out asks nothing more of the API as nobody (the console guard fails on a 401).
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in for mechanics' })).toBeVisible();
    await page.goto(`${mechanicUrl}/history`);
    await expect(page.getByRole('heading', { name: 'Sign in for mechanics' })).toBeVisible();
  });
});
