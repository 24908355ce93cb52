import {
  newOperator,
  signedInCustomer,
  signedUpCustomerClient,
  TEST_PASSWORD,
} from '@autodoctor/e2e/accounts';
import { uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { productState } from '@autodoctor/e2e/product-state';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';
import type { Locator } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The table of a panel: its header row and its body rows, as the operator reads them. */
async function tableText(panelTable: Locator): Promise<string[][]> {
  return panelTable
    .locator('tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')),
    );
}

/** A CSV of plain fields (the panels' labels and numbers have no quotes or commas). */
const parseCsv = (text: string) =>
  text
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

test.describe('the operations console', () => {
  test('an operator signs in, changes the range, and a panel’s CSV holds exactly its table’s numbers', async ({
    page,
    browser,
    consoleErrors,
  }, testInfo) => {
    consoleErrors.allow(refusal(403, '/api/auth/sign-in/email'), 'a customer account, refused on purpose');
    // Twelve panels, a lazy chart chunk, axe scans and screenshots at two widths on a cold dev server.
    test.setTimeout(180_000);
    const { opsUrl } = productState();
    const operator = await newOperator('Olive Operator');
    // Something to count in the last 24 hours: a free session a customer starts now.
    const customer = await signedUpCustomerClient('Casey Driver');
    const started = await customer.client.intake.startSession.mutate({
      type: 'free',
      vehicle: { year: 2019, make: 'Mazda', model: 'CX-5' },
      concern: uniqueConcern('Squeal when braking'),
    });
    expect(started.kind).toBe('session');

    await page.goto(opsUrl);
    await expect(page.getByRole('heading', { name: 'Sign in to operations' })).toBeVisible();
    await expect(page.getByText(/there is no sign-up here/)).toBeVisible();

    // Customers (and mechanics) are refused at the console, clearly.
    const customerContext = await browser.newContext();
    const other = await signedInCustomer(customerContext);
    await customerContext.close();
    await page.getByLabel('Email').fill(other.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();

    await page.getByLabel('Email').fill(operator.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
    await expect(page.getByText('Olive Operator')).toBeVisible();
    // The default range, the last 7 days, by hour.
    const range = page.getByRole('navigation', { name: 'Range' });
    await expect(range.getByRole('link', { name: 'Last 7 days' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText(/by hour \(/)).toBeVisible();

    // A year: by day, in the address.
    await range.getByRole('link', { name: 'Last 365 days' }).click();
    await expect(page).toHaveURL(/range=365d/);
    await expect(page.getByText(/by day \(/)).toBeVisible();

    await range.getByRole('link', { name: 'Last 24 hours' }).click();
    await expect(page).toHaveURL(/range=24h/);
    const panel = page.getByRole('region', { name: 'Sessions created by type', exact: true });
    const table = page.getByRole('region', { name: 'Sessions created by type: table' });
    // The last 24 hours by hour: 24 buckets, 25 when the range starts within an hour.
    await expect(table.getByRole('row').nth(24)).toBeVisible();
    await expect(panel).toHaveAttribute('aria-busy', 'false');
    // The chart is a lazy chunk: it arrives after the table's numbers.
    await expect(
      page.getByRole('img', { name: /Sessions created by type: chart/ }).locator('.recharts-wrapper > svg'),
    ).toBeVisible();

    const rows = await tableText(table);
    expect([25, 26]).toContain(rows.length);
    const totals = rows.slice(1).map((row) => Number(row.at(-1)!.replaceAll(',', '')));
    expect(totals.reduce((sum, total) => sum + total, 0)).toBeGreaterThanOrEqual(1);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV: Sessions created by type' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      /^autodoctor-sessions-created-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = parseCsv(await readFile(await file.path(), 'utf8'));
    // The same rows, the same numbers: the table shows counts with thousands separators only.
    expect(csv.length).toBe(rows.length);
    expect(csv.slice(1)).toEqual(rows.slice(1).map((row) => row.map((cell) => cell.replaceAll(',', ''))));
    expect(csv[0]).toEqual([
      'Bucket (local time)',
      'Free (count)',
      'Credit (count)',
      'Paid (count)',
      'Total (count)',
    ]);

    // Live figures: the queue now holds at least the session just started.
    const queueNow = page.getByRole('region', { name: /Queue now/ });
    await expect(queueNow.getByText('Queued now')).toBeVisible();

    await expectAccessible(page);
    await captureScreens(page, testInfo, 'ops-analytics');

    // A custom range: refused with a reason when backwards, then the days chosen, by hour.
    await page.getByLabel('First day').fill('2026-03-02');
    await page.getByLabel('Last day').fill('2026-03-01');
    await page.getByRole('button', { name: 'Show these days' }).click();
    await expect(page.getByRole('alert')).toHaveText('The first day must not be after the last.');
    await page.getByLabel('First day').fill('2026-03-01');
    await page.getByLabel('Last day').fill('2026-03-03');
    await page.getByRole('button', { name: 'Show these days' }).click();
    await expect(page).toHaveURL(/range=custom&from=2026-03-01&to=2026-03-03/);
    await expect(page.getByText(/by hour \(/)).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(1 + 3 * 24);
    await captureScreens(page, testInfo, 'ops-analytics-custom');
  });
});
