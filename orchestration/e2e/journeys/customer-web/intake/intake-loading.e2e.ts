import { signedInCustomer } from '@autodoctor/e2e/accounts';
import { productState } from '@autodoctor/e2e/product-state';
import { expect, test } from '@autodoctor/e2e/test';
import type { Page } from '@playwright/test';

// The intake screen's code, as the dev server serves it (a module of its own).
const INTAKE_CODE = /\/src\/features\/intake\/intake-page\.tsx/;
const INTAKE_OPTIONS = /\/trpc\/[^?]*intake\.options/;
const SIGN_IN_CHECK = /\/api\/auth\/get-session/;

/** Holds the page's requests to `url` until the returned function is called. */
async function hold(page: Page, url: RegExp): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(url, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

// No waterfall on the way to the form: each request below is shown to go out while the one it
// used to wait for is held back, so none of these can pass by being quick.
test.describe('the intake loads without a waterfall', () => {
  test("its options are asked for while the screen's code is still on the way", async ({ page, context }) => {
    await signedInCustomer(context);
    const releaseCode = await hold(page, INTAKE_CODE);
    const optionsAsked = page.waitForRequest(INTAKE_OPTIONS);
    await page.goto(`${productState().customerUrl}/new`, { waitUntil: 'commit' });
    await optionsAsked;
    releaseCode();
    await expect(page.getByRole('button', { name: 'Start session' })).toBeEnabled();
  });

  test("the screen's code is asked for while the sign-in is still being checked", async ({
    page,
    context,
  }) => {
    await signedInCustomer(context);
    const releaseCheck = await hold(page, SIGN_IN_CHECK);
    const codeAsked = page.waitForRequest(INTAKE_CODE);
    await page.goto(`${productState().customerUrl}/new`, { waitUntil: 'commit' });
    await codeAsked;
    releaseCheck();
    await expect(page.getByRole('button', { name: 'Start session' })).toBeEnabled();
  });

  test("signed in on another screen, the intake's code comes before it is asked for", async ({
    page,
    context,
  }) => {
    await signedInCustomer(context);
    const codeAsked = page.waitForRequest(INTAKE_CODE);
    await page.goto(productState().customerUrl);
    await expect(page.getByRole('heading', { name: 'Hello, Casey' })).toBeVisible();
    await codeAsked;
  });
});
