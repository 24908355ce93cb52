import { TEST_PASSWORD, uniqueEmail } from '@autodoctor/e2e/accounts';
import { linkIn, listMail, waitForMail } from '@autodoctor/e2e/mail';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';
import type { Page } from '@playwright/test';

const NEW_PASSWORD = `new ${TEST_PASSWORD}`;
const RESET_SUBJECT = /password/i;

/** Signs in on the sign-in page (the page must be showing it). */
async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** "Forgot your password?" from the sign-in page, for `email`; the page then says to check the inbox. */
async function askForResetLink(page: Page, email: string) {
  await page.goto(`${productState().customerUrl}/sign-in`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(sentNotice(page)).toBeVisible();
}

/** The forgot-password page's answer, the same whatever the address. */
function sentNotice(page: Page) {
  return page.getByRole('status').filter({ hasText: 'Check your inbox' });
}

/** Sets a new password on the reset page a link opened. */
async function setNewPassword(page: Page, password: string) {
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Set new password' }).click();
}

test.describe('forgot password', () => {
  test('a reset link by email sets a new password once, signs every device out, and the old password stops working', async ({
    page,
    browser,
    consoleErrors,
  }, testInfo) => {
    consoleErrors.allow(refusal(401, '/api/auth/sign-in/email'), 'the old password, refused on purpose');
    const { customerUrl } = productState();
    const email = uniqueEmail('forgot');

    await page.goto(`${customerUrl}/sign-up`);
    await page.getByLabel('Name').fill('Riley Forgetful');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'Hello, Riley' })).toBeVisible();

    // Another device, signed in before the reset: the reset ends its sign-in too.
    const otherDevice = await browser.newContext();
    const otherPage = await otherDevice.newPage();
    await otherPage.goto(`${customerUrl}/sign-in`);
    await signIn(otherPage, email, TEST_PASSWORD);
    await expect(otherPage.getByRole('heading', { name: 'Hello, Riley' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    await askForResetLink(page, email);
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'forgot-password-sent');

    const mail = await waitForMail({ to: email, subject: RESET_SUBJECT });
    // better-auth checks the token first, through the app's origin, then opens the app's page.
    const link = linkIn(mail, `${customerUrl}/api/auth/reset-password/`);
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'reset-password');

    // The two fields must agree before anything is sent.
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(`${NEW_PASSWORD} typo`);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByLabel('New password again')).toHaveAccessibleDescription(
      'The two passwords are not the same',
    );

    await setNewPassword(page, NEW_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Your password is changed' })).toBeVisible();
    await captureScreens(page, testInfo, 'reset-password-done');

    // The device signed in before the reset is signed out (revokeSessionsOnPasswordReset).
    await otherPage.reload();
    await expect(otherPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await otherDevice.close();

    await page.getByRole('link', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await signIn(page, email, TEST_PASSWORD);
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
    await signIn(page, email, NEW_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Hello, Riley' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    // The same link a second time: spent, says so at once (no password typed in vain).
    await page.goto(link);
    await expect(page).toHaveURL(`${customerUrl}/reset-password?error=INVALID_TOKEN`);
    await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText(/expired, was already used, or is incomplete/);
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'reset-link-spent');

    // A fresh link with its token altered: refused the same way.
    await askForResetLink(page, email);
    const second = await waitForMail({ to: email, subject: RESET_SUBJECT, after: mail });
    const secondLink = new URL(linkIn(second, `${customerUrl}/api/auth/reset-password/`));
    secondLink.pathname = `${secondLink.pathname.slice(0, -1)}${secondLink.pathname.endsWith('x') ? 'y' : 'x'}`;
    await page.goto(secondLink.href);
    await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();

    // Neither refused link changed the password.
    await page.goto(`${customerUrl}/sign-in`);
    await signIn(page, email, NEW_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Hello, Riley' })).toBeVisible();
  });

  test('an address with no account reads the same "check your inbox", and gets no email', async ({
    page,
  }) => {
    const nobody = uniqueEmail('nobody');
    await askForResetLink(page, nobody);
    await expect(sentNotice(page)).toHaveText(
      /If an account exists for that address, we sent a link to choose a new password\./,
    );

    // A real account's request, made after, is delivered: by then the other would have been too.
    const email = uniqueEmail('somebody');
    const signUp = await page.request.post(`${productState().customerUrl}/api/auth/sign-up/email`, {
      data: { name: 'Sam Somebody', email, password: TEST_PASSWORD },
      headers: { origin: productState().customerUrl },
    });
    expect(signUp.ok()).toBe(true);
    await askForResetLink(page, email);
    await waitForMail({ to: email, subject: RESET_SUBJECT });
    expect((await listMail()).filter((message) => message.to.includes(nobody))).toEqual([]);
  });
});
