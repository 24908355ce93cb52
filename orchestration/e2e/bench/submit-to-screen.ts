import type { Browser, Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { signedInMechanicBrowser, signedUpCustomerClient } from '../src/accounts.ts';
import type { ProductState } from '../src/product-state.ts';

export interface SubmitToScreen {
  /** Per submission: ms from the intake request leaving to the slowest mechanic's screen showing it. */
  slowestMs: number[];
  /** Every (submission, mechanic) pair: ms from the request leaving to that screen showing it. */
  allMs: number[];
}

/**
 * `mechanics` mechanics with the queue open in headless Chromium, each in a
 * context of its own; `submissions` customers start a session through the API,
 * one after the other. Each screen notes (by its own clock, the machine's) when
 * the new concern appears in its DOM.
 */
export async function measureSubmitToScreen(
  browser: Browser,
  product: ProductState,
  options: { mechanics: number; submissions: number },
): Promise<SubmitToScreen> {
  const pages: Page[] = [];
  for (let index = 0; index < options.mechanics; index++) {
    const context = await browser.newContext();
    await signedInMechanicBrowser(context, `Bench Mechanic ${index + 1}`);
    const page = await context.newPage();
    await page.goto(product.mechanicUrl);
    await page.getByRole('status', { name: 'Live updates: Connected' }).waitFor();
    pages.push(page);
  }
  const customers = [];
  for (let index = 0; index < options.submissions; index++) customers.push(await signedUpCustomerClient());

  const result: SubmitToScreen = { slowestMs: [], allMs: [] };
  for (const customer of customers) {
    const concern = `Bench concern ${randomUUID()}: a knock from the engine bay at idle.`;
    // Each screen starts watching before the submit; the time it saw the concern rendered is kept.
    await Promise.all(
      pages.map((page) =>
        page.evaluate((text) => {
          const watch = window as unknown as { benchSeen?: Promise<number> };
          watch.benchSeen = new Promise<number>((resolve) => {
            // Only what was added is read (textContent forces no layout): the watcher costs the page little.
            const observer = new MutationObserver((records) => {
              const shown = records.some((record) =>
                [...record.addedNodes].some((node) => node.textContent?.includes(text)),
              );
              if (shown) {
                observer.disconnect();
                resolve(Date.now());
              }
            });
            observer.observe(document.body, { childList: true, subtree: true });
          });
        }, concern),
      ),
    );
    const sentAt = Date.now();
    await customer.client.intake.startSession.mutate({
      type: 'free',
      vehicle: { year: 2018, make: 'Volvo', model: 'V60' },
      concern,
    });
    const shownAt = await Promise.all(
      pages.map((page) =>
        page.evaluate(() => (window as unknown as { benchSeen: Promise<number> }).benchSeen),
      ),
    );
    const delays = shownAt.map((at) => at - sentAt);
    result.allMs.push(...delays);
    result.slowestMs.push(Math.max(...delays));
  }
  await Promise.all(pages.map((page) => page.context().close()));
  return result;
}
