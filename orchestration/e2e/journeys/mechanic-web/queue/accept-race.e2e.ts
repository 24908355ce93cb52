import { signedInCustomer, signedInMechanicBrowser } from '@autodoctor/e2e/accounts';
import { startSessionThroughIntake } from '@autodoctor/e2e/customer-actions';
import { openQueue, queueEntry, uniqueConcern } from '@autodoctor/e2e/mechanic-actions';
import { captureScreens, expectAccessible } from '@autodoctor/e2e/screens';
import { expect, refusal, test } from '@autodoctor/e2e/test';

test('two mechanics press Accept at the same moment: one gets the session, the other is told', async ({
  browser,
  page,
  context,
  consoleErrors,
}, testInfo) => {
  consoleErrors.allow(refusal(409, '/trpc/mechanic.accept'), "the race's loser, refused on purpose");
  const contexts = [await browser.newContext(), await browser.newContext()];
  await Promise.all(
    contexts.map((mechanicContext, index) => signedInMechanicBrowser(mechanicContext, `Racer ${index + 1}`)),
  );
  const pages = await Promise.all(contexts.map((mechanicContext) => mechanicContext.newPage()));
  await Promise.all(pages.map(openQueue));

  await signedInCustomer(context);
  const concern = uniqueConcern('Clunk from the rear suspension over bumps');
  const sessionId = await startSessionThroughIntake(page, { concern });
  const entries = pages.map((mechanicPage) => queueEntry(mechanicPage, concern));
  await Promise.all(entries.map((entry) => expect(entry).toBeVisible()));

  // Both press at the same moment: clicks dispatched together, not one after the other's
  // actionability checks (by then the winner's accept may have taken the entry off the other screen).
  const buttons = await Promise.all(
    entries.map((entry) => entry.getByRole('button', { name: /^Accept / }).elementHandle()),
  );
  await Promise.all(buttons.map((button) => button.evaluate((element: HTMLElement) => element.click())));

  // Exactly one lands on the session; the other is told, and the entry leaves their list. Each
  // screen is read for whichever comes first (waiting out the winner's URL on the loser's screen
  // would only spend the wait's whole timeout).
  const outcomes = await Promise.all(
    pages.map((mechanicPage) =>
      Promise.any([
        mechanicPage.waitForURL(new RegExp(`/sessions/${sessionId}$`)).then(() => 'won' as const),
        mechanicPage
          .getByRole('alert')
          .filter({ hasText: 'Another mechanic took this session' })
          .waitFor()
          .then(() => 'lost' as const),
      ]),
    ),
  );
  expect([...outcomes].sort()).toEqual(['lost', 'won']);
  const loser = pages[outcomes.indexOf('lost')]!;
  await expect(loser).not.toHaveURL(new RegExp(`/sessions/${sessionId}$`));
  await expect(queueEntry(loser, concern)).toHaveCount(0);
  // Focus went back to the queue (its first session, or its heading when it is empty).
  await expect(
    loser.locator(':focus').and(loser.getByRole('article').or(loser.getByRole('heading', { name: 'Queue' }))),
  ).toBeVisible();
  await expectAccessible(loser);
  await captureScreens(loser, testInfo, 'mechanic-lost-race');
  await Promise.all(contexts.map((mechanicContext) => mechanicContext.close()));
});
