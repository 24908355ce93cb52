import { signedInCustomer, signedInMechanic } from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { acceptSession, SAMPLE_SUMMARY } from '@autodoctor/e2e/mechanic-actions';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';

test('the open session page follows the mechanic live, without a reload', async ({
  page,
  context,
}, testInfo) => {
  await signedInCustomer(context);
  const sessionId = await startSessionThroughIntake(page);
  await expect(page.getByRole('status', { name: 'Live updates: Connected' })).toBeVisible();

  const mechanic = await signedInMechanic('Sam Torque');
  await acceptSession(mechanic, sessionId);
  await expect(statusOf(page, 'waiting')).toBeVisible();
  await expect(page.getByText('Sam Torque accepted your session and will start it shortly.')).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, testInfo, 'session-waiting');

  // Offline for a moment: the app says so, and catches up when back online.
  await context.setOffline(true);
  await expect(page.getByRole('status', { name: 'Live updates: Offline' })).toBeVisible();
  await expect(page.getByText('You are offline.')).toBeVisible();
  await mechanic.client.mechanic.startSession.mutate({ sessionId });
  await context.setOffline(false);
  await expect(page.getByRole('status', { name: 'Live updates: Connected' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(statusOf(page, 'live')).toBeVisible();
  await expect(page.getByText('You are in a live session with Sam Torque.')).toBeVisible();
  await captureScreens(page, testInfo, 'session-live');

  await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: SAMPLE_SUMMARY });
  await expect(statusOf(page, 'ended')).toBeVisible();
  await expect(page.getByRole('button', { name: /End Session|Cancel Session/ })).toHaveCount(0);
});
