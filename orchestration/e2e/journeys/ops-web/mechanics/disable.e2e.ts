import {
  newOperator,
  signedInCustomer,
  signedInMechanic,
  signedInMechanicBrowser,
  signInToConsole,
  TEST_PASSWORD,
} from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { acceptSession, openQueue, queueEntry, uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';
import { randomUUID } from 'node:crypto';

test.describe('disabling a mechanic from the console', () => {
  test('a mechanic disabled in the middle of a session is signed out at once, cannot sign in, and the customer’s session goes back to the queue for another mechanic', async ({
    browser,
    page,
    consoleErrors,
  }, testInfo) => {
    test.setTimeout(180_000);
    consoleErrors.allow(
      /status of 401 .*\(at https?:\/\/[^/]+\/trpc\/[^)]*\)$/,
      'the disabled mechanic’s screen asks once more before it learns its sign-in ended',
    );
    consoleErrors.allow(refusal(403, '/api/auth/sign-in/email'), 'the disabled mechanic tries to sign in');
    const tag = randomUUID().slice(0, 4);
    const customerContext = await browser.newContext();
    const mechanicContext = await browser.newContext();
    await signedInCustomer(customerContext, { name: 'Casey Driver' });
    const mechanic = await signedInMechanicBrowser(mechanicContext, `Dana Spanner ${tag}`);
    const customerPage = await customerContext.newPage();
    const mechanicPage = await mechanicContext.newPage();

    // A customer and the mechanic together in a session.
    await openQueue(mechanicPage);
    const concern = uniqueConcern('Clunk from the rear axle over bumps');
    const sessionId = await startSessionThroughIntake(customerPage, { concern, payment: /Free session/ });
    await queueEntry(mechanicPage, concern)
      .getByRole('button', { name: /^Accept / })
      .click();
    await expect(mechanicPage).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
    await expect(statusOf(customerPage, 'waiting')).toBeVisible();

    // The operator disables the mechanic, with a reason.
    const operator = await newOperator(`Olive Operator ${tag}`);
    await signInToConsole(page, operator);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mechanics' }).click();
    const row = page.getByRole('row', { name: new RegExp(mechanic.name) });
    await expect(row.getByText('In a session')).toBeVisible();
    await row.getByRole('button', { name: `Disable ${mechanic.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Disable ${mechanic.name}` });
    await expect(dialog.getByText(/The session they are in goes back to the queue/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Disable mechanic' }).click();
    await expect(dialog.getByText(/Say why, in at least 3 characters/)).toBeVisible();
    await dialog.getByLabel('Reason').fill('Ticket 5120: rude to a customer');
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'ops-disable-dialog');
    await dialog.getByRole('button', { name: 'Disable mechanic' }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByText('Disabled', { exact: true })).toBeVisible();

    // The mechanic's app: signed out at once, told so; a new sign-in is refused with the reason why.
    await expect(mechanicPage).toHaveURL(/\/sign-in/);
    await expect(mechanicPage.getByText('You were signed out. Sign in again to continue.')).toBeVisible();
    await mechanicPage.getByLabel('Email').fill(mechanic.email);
    await mechanicPage.getByLabel('Password').fill(TEST_PASSWORD);
    await mechanicPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      mechanicPage.getByText(/This account has been disabled by AutoDoctor operations/),
    ).toBeVisible();
    await expectAccessible(mechanicPage);
    await captureScreens(mechanicPage, testInfo, 'mechanic-disabled-sign-in');

    // The customer's screen: back in the queue without a reload; another mechanic takes it.
    await expect(statusOf(customerPage, 'pending')).toBeVisible();
    await captureScreens(customerPage, testInfo, 'customer-session-requeued');
    const other = await signedInMechanic(`Riley Ratchet ${tag}`);
    await acceptSession(other, sessionId);
    await expect(statusOf(customerPage, 'waiting')).toBeVisible();
    await expect(customerPage.getByText(`Riley Ratchet ${tag} accepted your session`)).toBeVisible();

    // The console's timeline says who did it and why.
    await page.goto(`${new URL(page.url()).origin}/sessions/${sessionId}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline.getByText('“Mechanic disabled: Ticket 5120: rude to a customer”')).toBeVisible();
    await expect(timeline.getByText(`by ${operator.name} (operator)`)).toBeVisible();
    await captureScreens(page, testInfo, 'ops-session-requeued');

    // The access log names the operator, the action and the reason.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access log' }).click();
    const audit = page.getByRole('table', { name: 'Operator actions, newest first' });
    const line = audit.getByRole('row', { name: /Disabled a mechanic/ }).filter({ hasText: mechanic.name });
    await expect(line.getByText('Ticket 5120: rude to a customer')).toBeVisible();
    await expect(line.getByText(operator.name)).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'ops-operator-actions');

    // Enabled again, the mechanic signs in.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mechanics' }).click();
    await row.getByRole('button', { name: `Enable ${mechanic.name}` }).click();
    const enable = page.getByRole('dialog', { name: `Enable ${mechanic.name}` });
    await enable.getByLabel('Reason').fill('Ticket 5120 closed');
    await enable.getByRole('button', { name: 'Enable mechanic' }).click();
    await expect(row.getByText('Offline', { exact: true })).toBeVisible();
    await mechanicPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(mechanicPage.getByRole('heading', { name: 'Queue', level: 1 })).toBeVisible();

    await customerContext.close();
    await mechanicContext.close();
  });
});
