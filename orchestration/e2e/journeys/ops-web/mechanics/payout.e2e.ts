import { newOperator, signedInMechanic, signInToConsole } from '@autodoctor/e2e/accounts';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';

test.describe('mechanics in the operations console', () => {
  test('an operator sees a mechanic’s status and records a payout; the mechanic’s earnings show it', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const operator = await newOperator('Olive Operator');
    const mechanic = await signedInMechanic(`Pat Payout ${testInfo.testId.slice(0, 6)}`);
    await mechanic.client.mechanic.setAvailability.mutate({ online: true });

    await signInToConsole(page, operator);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mechanics' }).click();
    await expect(page.getByRole('heading', { name: 'Mechanics', level: 1 })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(mechanic.name) });
    await expect(row.getByText('Online')).toBeVisible();
    await expect(row.getByRole('cell', { name: '$0.00' })).toBeVisible();

    await row.getByRole('button', { name: `Record payout to ${mechanic.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Record a payout to ${mechanic.name}` });
    // A malformed amount and no reference: said at their fields, nothing recorded.
    await dialog.getByLabel('Amount paid ($)').fill('12,50');
    await dialog.getByRole('button', { name: 'Record payout' }).click();
    await expect(dialog.getByText('Dollars, with at most two decimals (e.g. 120.50).')).toBeVisible();
    await expect(dialog.getByText('The transfer’s reference, as on the bank statement.')).toBeVisible();
    await expectAccessible(page);
    await captureScreens(page, testInfo, 'ops-record-payout');

    await dialog.getByLabel('Amount paid ($)').fill('12.50');
    await dialog.getByLabel('Reference').fill('TR-2026-12-07');
    await dialog.getByRole('button', { name: 'Record payout' }).click();
    const recorded = page.getByText(`Payout of $12.50 to ${mechanic.name} recorded.`);
    await expect(recorded).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(row.getByRole('cell', { name: '-$12.50' })).toBeVisible();

    // The mechanic's own ledger has the line, with its reference.
    const summary = await mechanic.client.mechanic.earnings.query({ timeZone: 'UTC' });
    expect(summary.balanceCents).toBe(-1250);
    const lines = await mechanic.client.mechanic.earningLines.query({ limit: 5 });
    expect(lines.items.map((line) => line.label)).toContain('Payout TR-2026-12-07');

    await captureScreens(page, testInfo, 'ops-mechanics');
    // axe reads a toast sliding in as text of too little contrast: scanned once it has gone.
    await expect(recorded).toBeHidden({ timeout: 15_000 });
    await expectAccessible(page);
  });
});
