import { sessions, users } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import { TEST_PASSWORD, signedInCustomer } from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { productDatabase } from '@autodoctor/e2e/database';
import { uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';
import { unzipSync, strFromU8 } from 'fflate';
import { readFile } from 'node:fs/promises';

/** The part of account.json this journey reads. */
interface ExportedAccount {
  profile: { id: string; email: string; name: string };
  sessions: { id: string; status: string; concern: string; vehicle: { vin?: string | null } }[];
}

test.describe('your data', () => {
  test('downloads a zip of the account, then deletes the account with the password: signed out, the sign-in refused', async ({
    page,
    context,
    consoleErrors,
  }, testInfo) => {
    consoleErrors.allow(refusal(403, '/trpc/account.deleteAccount'), 'a wrong password, refused on purpose');
    consoleErrors.allow(
      refusal(401, '/api/auth/sign-in/email'),
      "the deleted account's credentials, refused on purpose",
    );
    const { customerUrl } = productState();
    const customer = await signedInCustomer(context, { name: 'Dana Leaving' });
    const concern = uniqueConcern();
    const sessionId = await startSessionThroughIntake(page, { concern, vin: '1HGCM82633A004352' });
    await expect(statusOf(page, 'pending')).toBeVisible();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Your data' }).click();
    await expect(page.getByRole('heading', { name: 'Your data', level: 1 })).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'your-data');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download my data' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    await expect(page.getByRole('status').filter({ hasText: 'Downloaded:' })).toHaveText(
      `Downloaded: ${download.suggestedFilename()}.`,
    );
    const entries = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(Object.keys(entries)).toContain('account.json');
    const exported = JSON.parse(strFromU8(entries['account.json']!)) as ExportedAccount;
    expect(exported.profile).toMatchObject({
      id: customer.userId,
      email: customer.email,
      name: 'Dana Leaving',
    });
    expect(exported.sessions).toEqual([
      expect.objectContaining({
        id: sessionId,
        status: 'pending',
        concern,
        vehicle: expect.objectContaining({ vin: '1HGCM82633A004352' }),
      }),
    ]);

    await page.getByRole('button', { name: 'Delete my account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'delete-account-dialog');

    await dialog.getByLabel('Your password').fill('not the password');
    await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
    await expect(dialog.getByLabel('Your password')).toHaveAccessibleDescription('That is not your password');
    await expect(dialog.getByLabel('Your password')).toHaveAttribute('aria-invalid', 'true');
    // Refused: nothing was erased.
    const [kept] = await productDatabase()
      .select({ email: users.email, deletedAt: users.deletedAt })
      .from(users)
      .where(eq(users.id, customer.userId));
    expect(kept).toEqual({ email: customer.email, deletedAt: null });

    await dialog.getByLabel('Your password').fill(TEST_PASSWORD);
    await dialog.getByRole('button', { name: 'Delete my account for good' }).click();
    await expect(page.getByRole('heading', { name: 'Your account is deleted' })).toBeVisible();
    await expect(page).toHaveURL(`${customerUrl}/goodbye`);
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'goodbye');

    // Erased, signed out everywhere; the session is cancelled and kept, without the VIN.
    const [erased] = await productDatabase()
      .select({ email: users.email, name: users.name, deletedAt: users.deletedAt })
      .from(users)
      .where(eq(users.id, customer.userId));
    expect(erased).toMatchObject({
      email: `deleted-${customer.userId}@deleted.invalid`,
      name: 'Deleted customer',
      deletedAt: expect.any(Date),
    });
    const [session] = await productDatabase()
      .select({ status: sessions.status, vin: sessions.vehicleVin })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    expect(session).toEqual({ status: 'cancelled', vin: null });

    await page.goto(`${customerUrl}/account`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  });
});
