import { signedInCustomer, signedInMechanicBrowser } from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { ageSession, runOrphanExpiry } from '@autodoctor/e2e/database';
import { openQueue, queueEntry, uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { expect, test } from '@autodoctor/e2e/test';

test('an orphaned session leaves the open queue when the expiry runs, and its customer sees it expired', async ({
  browser,
  page,
  context,
}) => {
  const mechanicContext = await browser.newContext();
  await signedInMechanicBrowser(mechanicContext);
  const mechanicPage = await mechanicContext.newPage();
  await openQueue(mechanicPage);

  await signedInCustomer(context);
  const concern = uniqueConcern('Coolant smell after long drives');
  const sessionId = await startSessionThroughIntake(page, { concern });
  await expect(queueEntry(mechanicPage, concern)).toBeVisible();

  // Nobody took it for three hours; the hourly job (pg_cron or the API's scheduler) runs.
  await ageSession(sessionId, 180);
  await runOrphanExpiry();

  await expect(queueEntry(mechanicPage, concern)).toHaveCount(0);
  await expect(statusOf(page, 'expired')).toBeVisible();
  await expect(page.getByText('No mechanic accepted it within 2 hours.')).toBeVisible();
  await mechanicContext.close();
});
