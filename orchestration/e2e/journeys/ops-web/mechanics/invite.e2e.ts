import {
  newOperator,
  signedInMechanic,
  signInToConsole,
  TEST_PASSWORD,
  uniqueEmail,
} from '@autodoctor/e2e/accounts';
import { linkIn, waitForMail } from '@autodoctor/e2e/mail';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';

test.describe('inviting a mechanic from the operations console', () => {
  test('the operator invites; the email’s link sets a password in the mechanic app; the console shows them', async ({
    page,
    consoleErrors,
  }, testInfo) => {
    test.setTimeout(120_000);
    consoleErrors.allow(
      refusal(409, '/trpc/ops.inviteMechanic'),
      'inviting an address that has an account, refused on purpose',
    );
    const { mechanicUrl } = productState();
    const operator = await newOperator('Olive Operator');
    const existing = await signedInMechanic(`Eve Existing ${testInfo.testId.slice(0, 6)}`);
    const email = uniqueEmail('invited');
    const name = `Ines Invited ${testInfo.testId.slice(0, 6)}`;

    await signInToConsole(page, operator);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mechanics' }).click();
    await expect(page.getByRole('heading', { name: 'Mechanics', level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Invite mechanic' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a mechanic' });

    // Checked in the browser by the API's own schema: said at each field, nothing sent.
    await dialog.getByLabel('Email').fill('ines at example');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expect(dialog.getByText('Enter a valid email address')).toBeVisible();
    await expect(dialog.getByText('Enter the mechanic’s name')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'ops-invite-mechanic-checked');

    // An address with an account (any case): ACCOUNT_EXISTS, said under the email field.
    await dialog.getByLabel('Email').fill(existing.email.toUpperCase());
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expect(dialog.getByText(/This address already has an AutoDoctor account/)).toBeVisible();
    await expect(dialog.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await captureScreens(page, testInfo, 'ops-invite-mechanic-exists');

    await dialog.getByLabel('Email').fill(` ${email} `);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    const sent = page.getByText(`Invitation sent to ${name} (${email}).`);
    await expect(sent).toBeVisible();
    await expect(dialog).toBeHidden();
    // The roster is refetched: the new mechanic is there, invited.
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row.getByText('Invited', { exact: true })).toBeVisible();
    await expect(row.getByRole('cell', { name: email })).toBeVisible();
    await captureScreens(page, testInfo, 'ops-invite-mechanic-invited');

    // The email lands in the product's mail catcher; its link sets the password in the mechanic app.
    const invitation = await waitForMail({ to: email, subject: /invited to AutoDoctor/ });
    const link = linkIn(invitation, `${mechanicUrl}/api/auth/reset-password/`);
    await page.goto(link);
    await expect(page.getByRole('heading', { name: 'Set your password' })).toBeVisible();
    await page.getByLabel('New password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel('New password again').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect(page.getByRole('heading', { name: 'Your password is set' })).toBeVisible();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Queue' })).toBeFocused();
    await expect(page.getByText(name)).toBeVisible();

    // Back in the console (its own cookie, still signed in): a mechanic with a password, no longer invited.
    await page.goto(`${productState().opsUrl}/mechanics`);
    const joined = page.getByRole('row', { name: new RegExp(name) });
    await expect(joined.getByText(/^(Online|Offline)$/)).toBeVisible();
    await expect(joined.getByText('Invited', { exact: true })).toBeHidden();
    await expect(joined.getByRole('button', { name: `Record payout to ${name}` })).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'ops-invite-mechanic-joined');
  });
});
