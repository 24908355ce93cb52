import { signedInCustomer, signedInMechanic } from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake, statusOf } from '@autodoctor/e2e/customer-actions';
import { acceptSession, SAMPLE_SUMMARY, uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { productState } from '@autodoctor/e2e/product-state';
import {
  letQuoteExpire,
  sendQuote,
  sendRevision,
  THREE_LINE_QUOTE,
  type QuoteInput,
} from '@autodoctor/e2e/quote-journey-kit';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, test } from '@autodoctor/e2e/test';
import type { Page } from '@playwright/test';

/** The revision: ceramic pads at $55.00 and 2 h of labour (with tax: $121.00, $198.00, $22.00). */
const REVISION: QuoteInput = {
  ...THREE_LINE_QUOTE,
  lines: [
    { kind: 'part', description: 'Front brake pads (ceramic)', quantityMilli: 2000, unitPriceCents: 5500 },
    { kind: 'labour', description: 'Fit the front pads', quantityMilli: 2000, unitPriceCents: 9000 },
    { kind: 'fee', description: 'Disposal fee', quantityMilli: 1000, unitPriceCents: 2000 },
  ],
};

const quoteCard = (page: Page, version: number) =>
  page.getByRole('article', { name: `Quote from Torque & Sons Garage · version ${version}` });

const choose = (page: Page, line: string, option: 'Approve' | 'Decline') =>
  page.getByRole('radiogroup', { name: line }).getByRole('radio', { name: option }).check();

test('a sent quote appears live; a revision supersedes it; the customer approves two of three lines, cannot approve an expired quote, and rates the session', async ({
  page,
  context,
}, testInfo) => {
  test.setTimeout(180_000);
  await signedInCustomer(context, { name: 'Casey Driver' });
  const sessionId = await startSessionThroughIntake(page, { concern: uniqueConcern() });
  const mechanic = await signedInMechanic('Sam Torque');
  await acceptSession(mechanic, sessionId);
  await mechanic.client.mechanic.startSession.mutate({ sessionId });
  await expect(statusOf(page, 'live')).toBeVisible();

  // The dashboard, open in a second tab, hears of the quote too.
  const dashboard = await context.newPage();
  await dashboard.goto(productState().customerUrl);
  await expect(dashboard.getByRole('heading', { name: /^Hello/ })).toBeVisible();

  // The mechanic sends a quote of three lines: both screens show it without a reload.
  const first = await sendQuote(mechanic, sessionId);
  await expect(quoteCard(page, 1)).toBeVisible();
  await expect(quoteCard(page, 1).getByText('Awaiting your decision')).toBeVisible();
  await expect(quoteCard(page, 1).getByRole('cell', { name: '$269.50' })).toBeVisible();
  const openQuotes = dashboard.getByRole('list', { name: 'Quotes waiting for your decision' });
  await expect(openQuotes.getByRole('link', { name: /Torque & Sons Garage: \$269\.50/ })).toBeVisible();
  await expectAccessible(dashboard);
  await captureScreens(dashboard, testInfo, 'dashboard-open-quote');
  await expect(
    page.getByText(/An approved quote is a commitment to have the approved work done at Torque/),
  ).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, testInfo, 'quote-sent');

  // A revision supersedes the first version, which stays readable.
  await sendRevision(mechanic, sessionId, first.id, REVISION);
  await expect(quoteCard(page, 2)).toBeVisible();
  await expect(quoteCard(page, 1)).toBeHidden();
  await page.getByText('Earlier versions of this quote (1)').click();
  await expect(quoteCard(page, 1).getByText('Superseded by a newer version')).toBeVisible();
  await expect(quoteCard(page, 1).getByRole('radio')).toHaveCount(0);
  await expect(quoteCard(page, 1).getByRole('rowheader', { name: /Front brake pads/ })).toBeVisible();
  await expect(openQuotes.getByRole('link', { name: /Torque & Sons Garage: \$341\.00/ })).toBeVisible();
  await captureScreens(page, testInfo, 'quote-revised');

  // Two of three lines approved, signed with a typed name: the approved total follows the choices.
  const current = quoteCard(page, 2);
  await choose(page, 'Front brake pads (ceramic)', 'Approve');
  await choose(page, 'Fit the front pads', 'Approve');
  await choose(page, 'Disposal fee', 'Decline');
  await expect(current.getByText('Approved total: $319.00 (2 of 3 lines approved)')).toBeVisible();
  await current.getByLabel('Your full name, as your signature').fill('Casey Driver');
  await captureScreens(page, testInfo, 'quote-deciding');
  await current.getByRole('button', { name: 'Sign and approve 2 of 3 lines' }).click();
  await expect(current.getByText('Approved: $319.00')).toBeVisible();
  await expect(current.getByText(/Signed by Casey Driver/)).toBeVisible();
  await expect(current.getByRole('radio')).toHaveCount(0);
  await expect(openQuotes).toBeHidden();
  // The mechanic's side reads the same decision.
  const [decided] = await mechanic.client.mechanic.sessionQuotes.query({ sessionId });
  expect(decided?.status).toBe('approved');
  expect(decided?.decision?.approvedTotalCents).toBe(31_900);
  await expectAccessible(page);
  await captureScreens(page, testInfo, 'quote-approved');

  // Printed, only the quote is on the paper.
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await current.getByRole('button', { name: 'Print this quote' }).click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: 'Your request' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Dashboard' })).toBeHidden();
  await expect(current.getByText('Front brake pads (ceramic)')).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('quote-print.png'),
    fullPage: true,
    animations: 'disabled',
  });
  await page.emulateMedia({ media: 'screen' });

  // A second quote the customer lets run out: shown expired, nothing to approve.
  const tyres = await sendQuote(mechanic, sessionId, {
    ...THREE_LINE_QUOTE,
    workshopName: 'Tread Right Tyres',
    lines: [{ kind: 'part', description: 'Two front tyres', quantityMilli: 2000, unitPriceCents: 8900 }],
  });
  const tyreCard = page.getByRole('article', { name: 'Quote from Tread Right Tyres · version 1' });
  await expect(tyreCard.getByRole('radiogroup', { name: 'Two front tyres' })).toBeVisible();
  await letQuoteExpire(tyres.id);
  await page.reload();
  await expect(tyreCard.getByText('This quote has expired')).toBeVisible();
  await expect(tyreCard.getByRole('radio')).toHaveCount(0);
  await expect(tyreCard.getByRole('button', { name: /approve/i })).toHaveCount(0);
  await captureScreens(page, testInfo, 'quote-expired');

  // The session ends: the page asks for a rating, changeable for 7 days.
  await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: SAMPLE_SUMMARY });
  await expect(statusOf(page, 'ended')).toBeVisible();
  const rating = page.getByRole('form', { name: 'Rate your session with Sam Torque' });
  await expect(
    rating.getByRole('radiogroup', { name: 'How was your session with Sam Torque?' }),
  ).toBeVisible();
  await rating.getByRole('radio', { name: '4 stars' }).check();
  await rating.getByLabel('Comment (optional)').fill('Clear and quick.');
  await rating.getByRole('button', { name: 'Save rating' }).click();
  await expect(rating.getByText('Thank you: your rating is saved.')).toBeVisible();
  await expect(rating.getByText(/You can change your rating until/)).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, testInfo, 'session-rated');

  // Changed within the 7 days, and the history shows what was given.
  await rating.getByRole('radio', { name: '5 stars' }).check();
  await rating.getByRole('button', { name: 'Change rating' }).click();
  await expect(rating.getByText('Thank you: your rating is saved.')).toBeVisible();
  await dashboard.reload();
  await expect(dashboard.getByRole('img', { name: '5 of 5 stars' })).toBeVisible();
  await captureScreens(dashboard, testInfo, 'history-rated');
});
