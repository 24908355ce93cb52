import {
  newOperator,
  signedInMechanic,
  signedUpCustomerClient,
  signInToConsole,
} from '@autodoctor/e2e/accounts';
import { uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';
import { randomUUID } from 'node:crypto';

test.describe('sessions in the operations console', () => {
  test('an operator finds a session by the customer’s email, reads its timeline, opens its transcript with a reason, and the access log names them', async ({
    page,
  }, testInfo) => {
    test.setTimeout(150_000);
    const operator = await newOperator(`Olive Operator ${randomUUID().slice(0, 4)}`);
    const customer = await signedUpCustomerClient('Casey Driver');
    const mechanic = await signedInMechanic('Sam Torque');
    const started = await customer.client.intake.startSession.mutate({
      type: 'free',
      vehicle: { year: 2016, make: 'Skoda', model: 'Octavia' },
      concern: uniqueConcern('Whine from the gearbox in third'),
    });
    if (started.kind !== 'session') throw new Error('a free session starts at once');
    const sessionId = started.session.id;
    const { entries } = await mechanic.client.mechanic.queue.query();
    const entry = entries.find((queued) => queued.sessionId === sessionId)!;
    await mechanic.client.mechanic.accept.mutate({ assignmentId: entry.assignmentId });
    await customer.client.room.send.mutate({
      sessionId,
      clientMessageId: randomUUID(),
      body: 'It only whines when the engine is warm.',
    });

    await signInToConsole(page, operator);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Sessions' }).click();
    await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible();
    const search = page.getByRole('search');
    await search.getByLabel('Session id, customer email or VIN').fill(customer.email.toUpperCase());
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/q=/);
    const results = page.getByRole('table', { name: 'Sessions found' });
    await expect(results.getByRole('row')).toHaveCount(2);
    await expect(results.getByText('Sam Torque')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'ops-sessions');

    await results.getByRole('link').click();
    await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
    await expect(page.getByRole('heading', { name: /2016 Skoda Octavia/, level: 1 })).toBeVisible();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline.getByText('Accepted')).toBeVisible();
    await expect(timeline.getByText('by Sam Torque (mechanic)')).toBeVisible();

    // The conversation stays closed until the operator says why.
    const transcript = page.getByRole('region', { name: 'Transcript' });
    await expect(transcript.getByText('It only whines when the engine is warm.')).toHaveCount(0);
    await transcript.getByRole('button', { name: 'Open the transcript' }).click();
    await expect(transcript.getByText(/Say why, in at least 3 characters/)).toBeVisible();
    await transcript.getByLabel('Why are you opening it?').fill('Ticket 4411: noise complaint');
    await transcript.getByRole('button', { name: 'Open the transcript' }).click();
    await expect(transcript.getByText('It only whines when the engine is warm.')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'ops-session');

    await nav.getByRole('link', { name: 'Access log' }).click();
    const log = page.getByRole('table', { name: 'Transcript openings, newest first' });
    const line = log.getByRole('row', { name: new RegExp(sessionId) });
    await expect(line.getByText(operator.name)).toBeVisible();
    await expect(line.getByText('Ticket 4411: noise complaint')).toBeVisible();
    await expectAccessible(page);
  });
});
