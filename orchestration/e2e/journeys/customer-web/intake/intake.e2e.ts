import { signedInCustomer, signedInMechanic } from '@autodoctor/e2e/accounts';
import { fillIntake, startSessionThroughIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { acceptSession, SAMPLE_SUMMARY } from '@autodoctor/e2e/mechanic-actions';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';

test.describe('the intake', () => {
  test('a free session: pending, with its place in the queue', async ({ page, context }, testInfo) => {
    await signedInCustomer(context);
    await page.goto(`${productState().customerUrl}/new`);
    await expect(page.getByRole('heading', { name: 'Start a session' })).toBeVisible();
    await expect(page.getByRole('radio', { name: /Free session/ })).toBeChecked();
    await expect(page.getByText('0 / 2000')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'intake');

    // Bad input is explained field by field, nothing is sent.
    await page.getByLabel('VIN').fill('1HGCM82633A00435X');
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect(page.getByText('Enter the model year, e.g. 2017')).toBeVisible();
    await expect(page.getByText('Describe the problem in at least 10 characters')).toBeVisible();
    await expect(page.getByLabel('VIN')).toHaveAttribute('aria-invalid', 'true');
    // In our words, saying what to do (not the validation library's "Too big: expected string…").
    await page.getByLabel('Make').fill('M'.repeat(300));
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect(page.getByText('Shorten the make to 60 characters or fewer')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'intake-errors');

    await fillIntake(page, { vin: '1HGCM82633A004352' });
    // By keyboard: the new screen's heading takes focus (not the page body, when the button is gone).
    await page.getByRole('button', { name: 'Start session' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: '2017 Honda Civic' })).toBeFocused();
    await expect(statusOf(page, 'pending')).toBeVisible();
    await expect(page.getByRole('status', { name: /Place in the queue: \d+/ })).toBeVisible();
    await expect(page.getByText('Free session ·')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'session-pending');
  });

  test('the free session is used up once a mechanic took it', async ({ page, context }) => {
    await signedInCustomer(context);
    const sessionId = await startSessionThroughIntake(page);
    const mechanic = await signedInMechanic();
    await acceptSession(mechanic, sessionId);
    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: SAMPLE_SUMMARY });
    await expect(statusOf(page, 'ended')).toBeVisible();

    await page.goto(`${productState().customerUrl}/new`);
    await expect(page.getByText('Your one free session is taken.')).toBeVisible();
    await expect(page.getByRole('radio', { name: /Free session/ })).toBeDisabled();
  });

  test('a cancelled free session before any accept does not use it up', async ({ page, context }) => {
    await signedInCustomer(context);
    await startSessionThroughIntake(page);
    // As a person would: once the page shows its place in the queue (it has finished loading).
    await expect(page.getByRole('status', { name: /^Place in the queue: \d+$/ })).toBeVisible();
    await page.getByRole('button', { name: 'Cancel Session' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Cancel this session?' });
    await expect(dialog.getByText(/free session is not used up/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel Session' }).click();
    await expect(statusOf(page, 'cancelled')).toBeVisible();
    await page.goto(`${productState().customerUrl}/new`);
    await expect(page.getByRole('radio', { name: /Free session/ })).toBeEnabled();
  });

  test('a credit session takes a credit from the balance', async ({ page, context }) => {
    await signedInCustomer(context, { credits: 2 });
    await page.goto(`${productState().customerUrl}/new`);
    await expect(page.getByText('You have 2 credits.')).toBeVisible();
    await fillIntake(page, { payment: /1 credit/ });
    await page.getByRole('button', { name: 'Start session' }).click();
    await expect(statusOf(page, 'pending')).toBeVisible();
    await expect(page.getByText('Credit session ·')).toBeVisible();

    await page.getByRole('link', { name: 'Account' }).click();
    await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('Balance: 1 credit');
    await expect(page.getByRole('cell', { name: 'Spent on a session · session' })).toBeVisible();
  });

  test('without credits, paying by credit is refused with a way to buy some', async ({ page, context }) => {
    await signedInCustomer(context);
    await page.goto(`${productState().customerUrl}/new`);
    await expect(page.getByRole('radio', { name: /1 credit/ })).toBeDisabled();
    await expect(page.getByText('You have no credits.')).toBeVisible();
    await page.getByRole('link', { name: 'Buy credits' }).click();
    await expect(page.getByRole('heading', { name: 'Account' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Buy 3 credits/ })).toBeVisible();
  });

  test('a second intake while a session is active leads back to it (409)', async ({
    page,
    context,
    consoleErrors,
  }, testInfo) => {
    consoleErrors.allow(refusal(409, '/trpc/intake.startSession'), 'the second intake, refused on purpose');
    await signedInCustomer(context, { credits: 1 });
    const sessionId = await startSessionThroughIntake(page);
    await page.goto(`${productState().customerUrl}/new`);
    await fillIntake(page, { make: 'Toyota', model: 'Corolla', payment: /1 credit/ });
    await page.getByRole('button', { name: 'Start session' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'You already have an active session' });
    await expect(alert).toBeVisible();
    await captureScreens(page, testInfo, 'intake-conflict');
    await alert.getByRole('link', { name: 'Go to your active session' }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
    // Nothing was spent on the refused intake.
    await page.getByRole('link', { name: 'Account' }).click();
    await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('Balance: 1 credit');
  });
});
