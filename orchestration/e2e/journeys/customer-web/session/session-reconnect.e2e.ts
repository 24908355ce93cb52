import { signedInCustomer, signedInMechanic } from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { productDatabase } from '@autodoctor/e2e/database';
import { assignmentOf } from '@autodoctor/e2e/mechanic-actions';
import { productState } from '@autodoctor/e2e/product-state';
import { acceptAssignment } from '@autodoctor/session-core';
import { API_OUTAGE, expect, test } from '@autodoctor/e2e/test';

// Runs alone (its own Playwright project): it restarts the API under every open page.
test('the session page survives an API restart: reconnecting, then current with nothing missed', async ({
  page,
  context,
  consoleErrors,
}) => {
  consoleErrors.allow(API_OUTAGE, 'the API is restarted on purpose');
  await signedInCustomer(context);
  const sessionId = await startSessionThroughIntake(page);
  await expect(page.getByRole('status', { name: 'Live updates: Connected' })).toBeVisible();
  const mechanic = await signedInMechanic('Riley Gasket');
  const assignmentId = await assignmentOf(mechanic, sessionId);

  // pnpm dev restarts its API on SIGUSR2, after a pause (AUTODOCTOR_API_RESTART_PAUSE_MS).
  process.kill(productState().pid, 'SIGUSR2');
  await expect(page.getByRole('status', { name: 'Live updates: Reconnecting…' })).toBeVisible();
  // While the API is away, the session moves on (written straight to the database).
  await acceptAssignment(productDatabase(), { assignmentId, mechanicUserId: mechanic.userId });

  await expect(page.getByRole('status', { name: 'Live updates: Connected' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(statusOf(page, 'waiting')).toBeVisible();
  await expect(page.getByText('Riley Gasket accepted your session')).toBeVisible();
});
