import { inviteMechanic } from '@autodoctor/api';
import { users } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { TEST_PASSWORD, uniqueEmail } from '@autodoctor/e2e/accounts';
import { productDatabase } from '@autodoctor/e2e/database';
import { linkIn, waitForMail } from '@autodoctor/e2e/mail';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';
import type { Page } from '@playwright/test';

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('mechanic invitation', () => {
  test('an invited mechanic sets their password from the email, once, then signs in', async ({
    page,
    consoleErrors,
  }, testInfo) => {
    consoleErrors.allow(
      refusal(401, '/api/auth/sign-in/email'),
      'signing in before a password is set, refused on purpose',
    );
    const { mechanicUrl } = productState();
    const email = uniqueEmail('invited');
    // What `pnpm mechanic:invite --email … --name …` does.
    const { userId } = await inviteMechanic(
      productDatabase(),
      { email, name: 'Indra Invited' },
      { mechanicAppUrl: mechanicUrl },
    );

    // No password yet: nothing signs in.
    await page.goto(`${mechanicUrl}/sign-in`);
    await signIn(page, email, TEST_PASSWORD);
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');

    const invitation = await waitForMail({ to: email });
    const link = linkIn(invitation, `${mechanicUrl}/api/auth/reset-password/`);
    expect(new URL(link).searchParams.get('callbackURL')).toBe(`${mechanicUrl}/reset-password?invited=1`);
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Set your password' })).toBeVisible();
    await expect(page.getByText('Welcome to AutoDoctor.')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'invitation-set-password');

    await page.getByLabel('New password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel('New password again').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect(page.getByRole('heading', { name: 'Your password is set' })).toBeVisible();
    // The link came by email: the address is proven.
    const [account] = await productDatabase()
      .select({ emailVerified: users.emailVerified })
      .from(users)
      .where(eq(users.id, userId));
    expect(account).toEqual({ emailVerified: true });

    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, email, TEST_PASSWORD);
    await expect(page.getByRole('heading', { name: 'Queue' })).toBeFocused();
    await expect(page.getByText('Indra Invited')).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in for mechanics' })).toBeVisible();

    // The invitation works once: opened again, it says so at once.
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
    await expect(
      page.getByText('Invitation links work for 7 days and only once. Nothing was changed.'),
    ).toBeVisible();
    await captureScreens(page, testInfo, 'invitation-link-spent');
  });
});
