import { signedInCustomer, signedInMechanic, signedInMechanicBrowser } from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake } from '@autodoctor/e2e/customer-actions';
import { productDatabase } from '@autodoctor/e2e/database';
import { assignmentOf, openQueue, queueEntry, uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { productState } from '@autodoctor/e2e/product-state';
import { acceptAssignment, createSessionRecord } from '@autodoctor/session-core';
import { API_OUTAGE, expect, test } from '@autodoctor/e2e/test';

// Runs alone (the api-restart project): it restarts the API under every open page.
test('the mechanic’s queue survives an API restart: reconnecting, then what changed meanwhile applied', async ({
  browser,
  page,
  context,
  consoleErrors,
}) => {
  consoleErrors.allow(API_OUTAGE, 'the API is restarted on purpose');
  // One session already waiting (it gets taken during the outage), one customer ready to start another.
  const customerContext = await browser.newContext();
  await signedInCustomer(customerContext);
  const customerPage = await customerContext.newPage();
  const takenConcern = uniqueConcern('Squeal on cold starts');
  const takenId = await startSessionThroughIntake(customerPage, { concern: takenConcern });
  const latecomerContext = await browser.newContext();
  const latecomer = await signedInCustomer(latecomerContext);
  const other = await signedInMechanic('Quinn Ratchet');
  const takenAssignment = await assignmentOf(other, takenId);

  await signedInMechanicBrowser(context);
  await openQueue(page);
  await expect(queueEntry(page, takenConcern)).toBeVisible();

  // pnpm dev restarts its API on SIGUSR2, after a pause (AUTODOCTOR_API_RESTART_PAUSE_MS).
  process.kill(productState().pid, 'SIGUSR2');
  await expect(page.getByRole('status', { name: 'Live updates: Reconnecting…' })).toBeVisible();
  // While the API is away, the queue changes (written straight to the database).
  const db = productDatabase();
  await acceptAssignment(db, { assignmentId: takenAssignment, mechanicUserId: other.userId });
  const newConcern = uniqueConcern('Door will not lock from the key fob');
  await createSessionRecord(db, {
    type: 'free',
    customerUserId: latecomer.userId,
    vehicle: { year: 2020, make: 'Skoda', model: 'Octavia' },
    concern: newConcern,
  });

  await expect(page.getByRole('status', { name: 'Live updates: Connected' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(queueEntry(page, newConcern)).toBeVisible();
  await expect(queueEntry(page, takenConcern)).toHaveCount(0);
  await customerContext.close();
  await latecomerContext.close();
});
