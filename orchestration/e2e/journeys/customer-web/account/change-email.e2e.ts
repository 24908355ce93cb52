import { TEST_PASSWORD, signedInCustomer, uniqueEmail } from '@autodoctor/e2e/accounts';
import { linkIn, waitForMail } from '@autodoctor/e2e/mail';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';
import type { BrowserContext, Page } from '@playwright/test';

/** Signs in on the sign-in page (the page must be showing it). */
async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Account → Security, through the app's navigation. */
async function openSecurity(page: Page) {
  await page.goto(`${productState().customerUrl}/account`);
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Security' }).click();
  await expect(page.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();
}

/** The same account signed in in another browser context (another device), through the sign-in page. */
async function signInOnAnotherDevice(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${productState().customerUrl}/sign-in`);
  await signIn(page, email, TEST_PASSWORD);
  await expect(page.getByRole('heading', { name: /^Hello, / })).toBeVisible();
  return page;
}

test.describe('account security', () => {
  test('changes the email address: the link goes to the new address, and only then does the address change', async ({
    page,
    context,
    consoleErrors,
  }, testInfo) => {
    consoleErrors.allow(
      refusal(401, '/api/auth/sign-in/email'),
      'the old address, refused on purpose once changed',
    );
    const { customerUrl } = productState();
    const customer = await signedInCustomer(context, { name: 'Jordan Mover' });
    const newEmail = uniqueEmail('moved');

    await openSecurity(page);
    await expect(page.getByText(`Your email address is ${customer.email}.`)).toBeVisible();
    await page.getByLabel('New email address').fill(customer.email.toUpperCase());
    await page.getByRole('button', { name: 'Change email' }).click();
    await expect(page.getByLabel('New email address')).toHaveAccessibleDescription(
      'That is already your email address',
    );

    await page.getByLabel('New email address').fill(newEmail);
    await page.getByRole('button', { name: 'Change email' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Check the new inbox' })).toContainText(
      `We sent a link to ${newEmail}; your address changes when you open it. Until then, keep signing in with ${customer.email}.`,
    );
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'security-email-sent');

    // Nothing changed yet: the old address is still the account's.
    await page.reload();
    await expect(page.getByText(`Your email address is ${customer.email}.`)).toBeVisible();

    const mail = await waitForMail({ to: newEmail });
    await page.goto(linkIn(mail, `${customerUrl}/api/auth/verify-email?token=`));
    await expect(page.getByRole('heading', { name: 'Your email address is confirmed' })).toBeVisible();
    await captureScreens(page, testInfo, 'email-confirmed');

    await openSecurity(page);
    await expect(page.getByText(`Your email address is ${newEmail}.`)).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    await signIn(page, customer.email, TEST_PASSWORD);
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
    await signIn(page, newEmail, TEST_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Hello, Jordan' })).toBeVisible();
  });

  test('"sign out everywhere else" ends another device\'s sign-in; a password change needs the current one', async ({
    page,
    context,
    browser,
    consoleErrors,
  }, testInfo) => {
    consoleErrors.allow(
      refusal(400, '/api/auth/change-password'),
      'a wrong current password, refused on purpose',
    );
    consoleErrors.allow(refusal(401, '/api/auth/sign-in/email'), 'the old password, refused on purpose');
    const customer = await signedInCustomer(context, { name: 'Alex Careful' });
    const otherDevice = await browser.newContext();
    const otherPage = await signInOnAnotherDevice(otherDevice, customer.email);

    await openSecurity(page);
    // The account navigation marks where one is (app-shell's classes are in the app's stylesheet).
    const tab = page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Security' });
    await expect(tab).toHaveAttribute('aria-current', 'page');
    await expect(tab).toHaveCSS('border-bottom-width', '2px');
    await expect(tab).not.toHaveCSS('border-bottom-color', 'rgba(0, 0, 0, 0)');
    const signIns = page.getByRole('list', { name: 'Active sign-ins' }).getByRole('listitem');
    await expect(signIns).toHaveCount(2);
    await expect(signIns.first()).toContainText('This device');
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'security');

    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await expect(signIns).toHaveCount(1);
    await expect(page.getByText('You are signed in on this device only.')).toBeVisible();

    await otherPage.reload();
    await expect(otherPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    // Change the password: the current one is checked first (said on its field).
    const newPassword = `changed ${TEST_PASSWORD}`;
    await page.getByLabel('Current password').fill('not the password');
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByLabel('Current password')).toHaveAccessibleDescription(
      'Your current password is wrong.',
    );

    // Another device signed in meanwhile is signed out by the change ("Sign out my other devices").
    const otherPageAgain = await signInOnAnotherDevice(otherDevice, customer.email);
    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await expect(page.getByRole('checkbox', { name: 'Sign out my other devices' })).toBeChecked();
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your password is changed' })).toHaveText(
      'Your password is changed, and your other devices are signed out.',
    );
    await expect(signIns).toHaveCount(1);

    await otherPageAgain.reload();
    await expect(otherPageAgain.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await signIn(otherPageAgain, customer.email, TEST_PASSWORD);
    await expect(otherPageAgain.getByRole('alert')).toHaveText('Wrong email or password.');
    await signIn(otherPageAgain, customer.email, newPassword);
    await expect(otherPageAgain.getByRole('heading', { name: 'Hello, Alex' })).toBeVisible();
    await otherDevice.close();

    // This device stayed signed in through it all.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Security', level: 1 })).toBeVisible();
  });
});
