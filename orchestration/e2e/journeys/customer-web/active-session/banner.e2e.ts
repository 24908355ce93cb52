import { signedInCustomer, signedInMechanic } from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { acceptSession } from '@autodoctor/e2e/mechanic-actions';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { cutOff, expect, test } from '@autodoctor/e2e/test';

test.describe('the active session banner', () => {
  test('appears with the session, refreshes every 30 s, returns to the session', async ({
    page,
    context,
    consoleErrors,
  }, testInfo) => {
    await signedInCustomer(context);
    await page.goto(productState().customerUrl);
    await expect(page.getByRole('region', { name: 'Active session' })).toHaveCount(0);
    await expect(page.getByText('No sessions yet')).toBeVisible();
    await captureScreens(page, testInfo, 'dashboard-empty');

    const sessionId = await startSessionThroughIntake(page);
    // Live events are cut off: only the banner's own 30 s refresh can bring news.
    consoleErrors.allow(cutOff('/trpc/session.feed'), 'the live feed is cut off on purpose');
    await page.route('**/trpc/session.feed**', (route) => route.abort());
    await page.clock.install();
    await page.goto(productState().customerUrl);
    const banner = page.getByRole('region', { name: 'Active session' });
    await expect(banner.getByText('Free session')).toBeVisible();
    await expect(banner.getByRole('status', { name: 'Status: pending' })).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'dashboard-active');

    const mechanic = await signedInMechanic();
    await acceptSession(mechanic, sessionId);
    await page.clock.fastForward(10_000);
    await expect(banner.getByRole('status', { name: 'Status: pending' })).toBeVisible();
    await page.clock.fastForward(21_000);
    await expect(banner.getByRole('status', { name: 'Status: waiting' })).toBeVisible();

    await banner.getByRole('link', { name: 'Return to Session' }).click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
    // On the session's own page the banner gives way to the page.
    await expect(page.getByRole('region', { name: 'Active session' })).toHaveCount(0);
  });

  test('ends a live session after a confirmation, and goes away', async ({ page, context }, testInfo) => {
    await signedInCustomer(context, { credits: 1 });
    const sessionId = await startSessionThroughIntake(page, { payment: /1 credit/ });
    const mechanic = await signedInMechanic('Jordan Lift');
    await acceptSession(mechanic, sessionId);
    await mechanic.client.mechanic.startSession.mutate({ sessionId });

    await page.goto(productState().customerUrl);
    const banner = page.getByRole('region', { name: 'Active session' });
    await expect(banner.getByRole('status', { name: 'Status: live' })).toBeVisible();
    await banner.getByRole('button', { name: 'End Session' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'End this session?' });
    await expect(dialog).toBeVisible();
    await captureScreens(page, testInfo, 'banner-end-confirm');
    await dialog.getByRole('button', { name: 'End Session' }).click();
    await expect(page.getByRole('region', { name: 'Active session' })).toHaveCount(0);
    await expect(page.getByText('Session ended.')).toBeVisible();

    // The history lists it, with the mechanic's name.
    const history = page.getByRole('list', { name: 'Your sessions' });
    await expect(history.getByText('Jordan Lift')).toBeVisible();
    await page.goto(`${productState().customerUrl}/sessions/${sessionId}`);
    await expect(statusOf(page, 'ended')).toBeVisible();
  });

  test('cancelling a free session from the banner gives it back on every screen and tab, without a reload', async ({
    page,
    context,
  }, testInfo) => {
    const { customerUrl } = productState();
    await signedInCustomer(context);
    await startSessionThroughIntake(page);

    // Another tab of the same customer, on the intake: the free session is taken.
    const otherTab = await context.newPage();
    await otherTab.goto(`${customerUrl}/new`);
    const otherFree = otherTab.getByRole('radio', { name: /Free session/ });
    await expect(otherFree).toBeDisabled();
    await expect(otherTab.getByText('Your one free session is taken.')).toBeVisible();

    await page.getByRole('link', { name: 'Dashboard' }).click();
    const banner = page.getByRole('region', { name: 'Active session' });
    await banner.getByRole('button', { name: 'Cancel Session' }).click();
    await page
      .getByRole('alertdialog', { name: 'Cancel this session?' })
      .getByRole('button', { name: 'Cancel Session' })
      .click();
    await expect(page.getByText('Session cancelled.')).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Your sessions' }).getByText('Cancelled')).toBeVisible();

    // This tab's "New session", read moments ago, and the other tab: the free session is back.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New session' }).click();
    await expect(page.getByRole('radio', { name: /Free session/ })).toBeEnabled();
    await expect(page.getByText('Your first session is on us.')).toBeVisible();
    await expect(otherFree).toBeEnabled();
    await expect(otherTab.getByText('Your first session is on us.')).toBeVisible();
    await captureScreens(otherTab, testInfo, 'other-tab-free-session-back');
  });
});
