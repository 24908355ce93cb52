import { TEST_PASSWORD, signedInCustomer, uniqueEmail } from '@autodoctor/e2e/accounts';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';

test.describe('customer accounts', () => {
  test('signs up, stays signed in across a reload, signs out and back in', async ({
    page,
    consoleErrors,
  }, testInfo) => {
    consoleErrors.allow(refusal(401, '/api/auth/sign-in/email'), 'the wrong password, refused on purpose');
    const email = uniqueEmail('signup');
    await page.goto(productState().customerUrl);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'sign-in');

    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await page.getByLabel('Name').fill('Robin Carter');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Password must be at least 8 characters')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'sign-up-errors');

    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'Hello, Robin' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Hello, Robin' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.goto(`${productState().customerUrl}/account`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');

    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the customer was going, its heading focused (as on every change of screen).
    await expect(page.getByRole('heading', { name: 'Account' })).toBeFocused();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New session' }).click();
    await expect(page.getByRole('heading', { name: 'Start a session' })).toBeFocused();
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Account' })).toBeFocused();
  });

  test('never tells whether an email has an account: a taken one with another password reads "check your inbox"', async ({
    browser,
    consoleErrors,
  }) => {
    consoleErrors.allow(
      refusal(401, '/api/auth/sign-in/email'),
      'the sign-in after sign-up, with another password than the account has',
    );
    const existing = await browser.newContext();
    const customer = await signedInCustomer(existing);
    await existing.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${productState().customerUrl}/sign-up`);
    await page.getByLabel('Name').fill('Someone Else');
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(`another ${TEST_PASSWORD}`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert')).toHaveText(/Check your inbox/);
    await context.close();
  });
});
