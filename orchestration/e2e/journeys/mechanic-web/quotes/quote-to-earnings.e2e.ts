import { signedInMechanicBrowser, signedUpCustomerClient } from '@autodoctor/e2e/accounts';
import { statusOf } from '@autodoctor/e2e/customer-actions';
import { openQueue, queueEntry, uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

interface LineAnswers {
  kind?: 'part' | 'labour' | 'fee' | 'discount';
  description: string;
  quantity: string;
  price: string;
}

/** Fills line `n` of the open quote editor as a mechanic would. */
async function fillLine(page: Page, n: number, line: LineAnswers) {
  const group = page.getByRole('group', { name: `Line ${n}` });
  if (line.kind) await group.getByLabel(`Kind, line ${n}`).selectOption(line.kind);
  await group.getByLabel(`Description, line ${n}`).fill(line.description);
  await group.getByLabel(new RegExp(`^(Quantity|Hours), line ${n}$`)).fill(line.quantity);
  await group.getByLabel(new RegExp(`^(Unit price|Hourly rate) \\(\\$\\), line ${n}$`)).fill(line.price);
}

test('the mechanic quotes a repair from the session page, revises it, sees the customer approve two of three lines live, and is paid the bonus', async ({
  browser,
}, testInfo) => {
  // Two apps, a revision, a decision and the earnings page, with axe scans and screenshots at two
  // widths: cold dev-server page loads take 5–20 s each on CI's 2 cores.
  test.setTimeout(240_000);
  const customer = await signedUpCustomerClient('Casey Driver');
  const mechanicContext = await browser.newContext();
  await signedInMechanicBrowser(mechanicContext, 'Sam Torque');
  const page = await mechanicContext.newPage();
  await openQueue(page);

  // The customer asks for a free session; the mechanic takes it and starts it.
  const concern = uniqueConcern('Grinding from the front brakes');
  const started = await customer.client.intake.startSession.mutate({
    type: 'free',
    vehicle: { year: 2017, make: 'Honda', model: 'Civic' },
    concern,
  });
  if (started.kind !== 'session') throw new Error('a free session starts at once');
  const sessionId = started.session.id;
  await queueEntry(page, concern).getByRole('button', { name: 'Accept 2017 Honda Civic' }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(statusOf(page, 'live')).toBeVisible();

  // A quote of three lines, the totals previewed as they are typed.
  const quotes = page.getByRole('region', { name: 'Repair quotes' });
  await expect(quotes.getByText('No quotes yet')).toBeVisible();
  await quotes.getByRole('button', { name: 'Write a quote' }).click();
  const editor = page.getByRole('form', { name: 'New quote' });
  await fillLine(page, 1, { description: 'Front brake pads', quantity: '2', price: '45.50' });
  await editor.getByRole('button', { name: 'Add line' }).click();
  await fillLine(page, 2, {
    kind: 'labour',
    description: 'Fit the pads and discs',
    quantity: '1.5',
    price: '90',
  });
  await editor.getByRole('button', { name: 'Add line' }).click();
  await fillLine(page, 3, { description: 'Front brake discs', quantity: '2', price: '60' });
  await editor.getByLabel('Tax rate (%)').fill('10');
  await editor.getByLabel('Workshop name').fill('Main Street Garage');
  await editor.getByLabel('Workshop address').fill('1 Main Street, Springfield');
  await editor
    .getByLabel('Note to the customer')
    .fill('The discs are worn too; replacing both saves a second visit.');
  // 91.00 + 135.00 + 120.00 = 346.00; 10 % tax = 34.60.
  const totals = editor.getByRole('group', { name: 'Totals' });
  await expect(totals).toContainText('Subtotal$346.00');
  await expect(totals).toContainText('Total$380.60');
  await expectAccessible(page);
  await captureScreens(page, testInfo, 'mechanic-quote-editor');
  await editor.getByRole('button', { name: 'Save and send' }).click();
  await expect(editor).toBeHidden();
  const firstVersion = quotes.getByRole('article', { name: 'Quote, version 1' });
  await expect(firstVersion.getByText('Sent', { exact: true })).toBeVisible();
  await expect(firstVersion.getByRole('table')).toContainText('$380.60');

  // A revision: the discs cheaper. Sending it supersedes version 1, which stays readable.
  await firstVersion.getByRole('button', { name: 'Revise' }).click();
  const revision = page.getByRole('form', { name: 'Draft, version 2' });
  await expect(revision.getByLabel('Description, line 3')).toHaveValue('Front brake discs');
  await revision.getByLabel('Unit price ($), line 3').fill('55');
  // 91.00 + 135.00 + 110.00 = 336.00; 10 % tax = 33.60.
  await expect(revision.getByRole('group', { name: 'Totals' })).toContainText('Total$369.60');
  await revision.getByRole('button', { name: 'Save and send' }).click();
  await expect(revision).toBeHidden();
  const secondVersion = quotes.getByRole('article', { name: 'Quote, version 2' });
  await expect(secondVersion.getByText('Sent', { exact: true })).toBeVisible();
  await secondVersion.getByText('Earlier versions (1)').click();
  const earlier = secondVersion.getByRole('list', { name: 'Earlier versions' });
  await expect(earlier.getByText('Superseded', { exact: true })).toBeVisible();
  await expect(earlier.getByRole('table')).toContainText('$380.60');
  await captureScreens(page, testInfo, 'mechanic-quote-revised');

  // The customer approves the pads and the labour, not the discs, through the API.
  const customerQuotes = await customer.client.customer.sessionQuotes.query({ sessionId });
  const sent = customerQuotes.find((quote) => quote.version === 2);
  if (!sent) throw new Error('the customer does not see version 2');
  expect(customerQuotes.find((quote) => quote.version === 1)?.status).toBe('superseded');
  await customer.client.customer.decideQuote.mutate({
    quoteId: sent.id,
    decisions: sent.lines.map((line) => ({
      lineId: line.id,
      approved: line.description !== 'Front brake discs',
    })),
    signatureName: 'Casey Driver',
  });

  // The mechanic sees it at once, without a reload: 100.10 + 148.50 approved.
  await expect(secondVersion.getByText('Approved', { exact: true }).first()).toBeVisible();
  await expect(secondVersion).toContainText('Approved: 2 of 3 lines, $248.60');
  await expect(secondVersion).toContainText('signed “Casey Driver”');
  const approvedTable = secondVersion.getByRole('table', { name: 'Quote, version 2: lines and totals' });
  await expect(approvedTable.getByRole('row').filter({ hasText: 'Front brake discs' })).toContainText(
    'Declined',
  );
  await expect(secondVersion.getByRole('button', { name: 'Revise' })).toHaveCount(0);
  await expectAccessible(page);
  await captureScreens(page, testInfo, 'mechanic-quote-approved');

  // Earnings: the free session owes no referral fee; the bonus is 5 % of $248.60 = $12.43.
  await page.getByRole('link', { name: 'Earnings' }).click();
  await expect(page.getByRole('heading', { name: 'Earnings', level: 1 })).toBeVisible();
  const figures = page.getByRole('group', { name: 'Your earnings' });
  await expect(figures).toContainText('Balance$12.43');
  await expect(figures).toContainText('This month$12.43');
  const lines = page.getByRole('list', { name: 'Earnings lines' }).getByRole('listitem');
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText('Quote bonus · 2017 Honda Civic, quote version 2');
  await expect(lines.first()).toContainText('5 % of the approved $248.60');
  await expect(lines.first()).toContainText('$12.43');
  await expect(page.getByText('No ratings yet')).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, testInfo, 'mechanic-earnings');

  // The CSV holds the same line; its amounts add up to the balance.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  const csv = await readFile((await file.path()) ?? '', 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header).toContain('date,kind,description,session_id,quote_id,basis_cents,rate_bps,amount_cents');
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain('quote_bonus');
  expect(rows[0]).toContain(sessionId);
  expect(rows[0]).toContain(sent.id);

  // The line leads back to the quote on the session page.
  await lines.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}#quote-version-${sent.id}$`));
  await expect(page.getByRole('article', { name: 'Quote, version 2' })).toBeVisible();
  await mechanicContext.close();
});
