import { signedInCustomer } from '@autodoctor/e2e/accounts';
import { fillIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';

test.describe('paying by card (through the Stripe emulator)', () => {
  test('a paid session: checkout, then the session once the payment is confirmed', async ({
    page,
    context,
  }, testInfo) => {
    await signedInCustomer(context);
    await page.goto(`${productState().customerUrl}/new`);
    await fillIntake(page, { make: 'Ford', model: 'Focus', payment: /Card/ });
    await page.getByRole('button', { name: 'Continue to payment' }).click();

    await expect(page.getByRole('heading', { name: 'Pay $29.00' })).toBeVisible();
    await page.getByRole('button', { name: 'Pay' }).click();

    await expect(page.getByRole('heading', { name: '2017 Ford Focus' })).toBeVisible({ timeout: 30_000 });
    await expect(statusOf(page, 'pending')).toBeVisible();
    await expect(page.getByText('Paid session ·')).toBeVisible();
    await expect(page.getByText('$29.00')).toBeVisible();
    await captureScreens(page, testInfo, 'session-paid');
  });

  test('a cancelled checkout charges nothing and keeps the request', async ({ page, context }, testInfo) => {
    await signedInCustomer(context);
    await page.goto(`${productState().customerUrl}/new`);
    await fillIntake(page, { make: 'Mazda', model: 'MX-5', payment: /Card/ });
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await expect(page.getByRole('heading', { name: 'Checkout cancelled' })).toBeVisible();
    await expect(page.getByText('Nothing was charged')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'checkout-cancelled');
    await page.getByRole('link', { name: 'Back to your request' }).click();
    await expect(page.getByLabel('Make')).toHaveValue('Mazda');
    await expect(page.getByLabel('Model')).toHaveValue('MX-5');
    await expect(page.getByRole('status', { name: 'Status: pending' })).toHaveCount(0);
  });

  test('buying credits: credited once, on the balance and in the history', async ({
    page,
    context,
  }, testInfo) => {
    await signedInCustomer(context);
    await page.goto(`${productState().customerUrl}/account`);
    await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('Balance: 0 credits');
    await expect(page.getByText('No credit history yet')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'account');

    await page.getByRole('button', { name: /Buy 5 credits/ }).click();
    await expect(page.getByRole('heading', { name: 'Pay $119.00' })).toBeVisible();
    await page.getByRole('button', { name: 'Pay' }).click();

    await expect(page.getByRole('status').filter({ hasText: '5 credits added' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText('Your balance is now 5 credits.')).toBeVisible();
    await captureScreens(page, testInfo, 'credits-added');

    await page.getByRole('link', { name: 'Back to your account' }).click();
    await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('Balance: 5 credits');
    await expect(page.getByRole('cell', { name: 'Bought ($119.00)' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '+5' })).toHaveCount(1);
  });

  test('a cancelled credit purchase charges nothing', async ({ page, context }) => {
    await signedInCustomer(context);
    await page.goto(`${productState().customerUrl}/account`);
    await page.getByRole('button', { name: /Buy 3 credits/ }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { name: 'Purchase cancelled' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to your account' }).click();
    await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('Balance: 0 credits');
  });
});
