import { test as base, type BrowserContext } from '@playwright/test';
import { productState } from './product-state.ts';

export { expect } from '@playwright/test';

/** What the browser reported as an error during a journey, and where. */
export interface BrowserError {
  text: string;
  url: string;
}

/** The journey's browser errors; `allow` names the deliberate ones (a refusal the journey tests). */
export interface ConsoleErrors {
  /**
   * Lets errors matching `pattern` pass, with why: e.g. the 403 a customer account gets from the
   * mechanic app's sign-in, which the journey walks through on purpose. An error reads
   * `text (at url)`: "Failed to load resource: … status of 403 (Forbidden) (at http://…/sign-in/email)".
   */
  allow: (pattern: RegExp, why: string) => void;
  /** Everything reported so far, allowed or not. */
  readonly seen: readonly BrowserError[];
}

/**
 * Playwright's `test`, failing a journey on any `console.error` or uncaught page error in any of
 * its browser contexts (the `context` fixture and every `browser.newContext()`), except those it
 * allows. A console error is a person's broken screen or a call the app should not have made.
 */
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ browser }, use, testInfo) => {
      const seen: BrowserError[] = [];
      const allowed: RegExp[] = [
        // The browser asks the Stripe emulator's checkout page (not ours) for an icon it has not.
        new RegExp(
          `status of 404 .*\\(at ${escapeRegExp(productState().stripeEmulatorUrl)}/favicon\\.ico\\)$`,
        ),
      ];
      const watch = (context: BrowserContext) => {
        context.on('console', (message) => {
          if (message.type() === 'error') seen.push({ text: message.text(), url: message.location().url });
        });
        context.on('weberror', (error) => {
          seen.push({ text: `Uncaught ${String(error.error())}`, url: error.page()?.url() ?? '' });
        });
      };
      for (const context of browser.contexts()) watch(context);
      browser.on('context', watch);
      await use({
        allow: (pattern, why) => {
          allowed.push(pattern);
          testInfo.annotations.push({ type: 'allowed console error', description: `${pattern}: ${why}` });
        },
        seen,
      });
      browser.off('context', watch);
      const unexpected = seen.map(describe).filter((line) => !allowed.some((pattern) => pattern.test(line)));
      if (unexpected.length > 0) {
        throw new Error(
          `The browser reported ${unexpected.length} error(s):\n${unexpected.map((line) => `  ${line}`).join('\n')}`,
        );
      }
    },
    { auto: true },
  ],
});

function describe(error: BrowserError): string {
  return error.url ? `${error.text} (at ${error.url})` : error.text;
}

/** A refused call the journey makes on purpose: its status and the end of its URL's path. */
export function refusal(status: number, path: string): RegExp {
  return new RegExp(`status of ${status} .*\\(at https?://[^/]+${escapeRegExp(path)}(\\?[^)]*)?\\)$`);
}

/** A call the journey cuts off on purpose (`page.route(…, (route) => route.abort())`), by its path. */
export function cutOff(path: string): RegExp {
  return new RegExp(`net::ERR_[A-Z_]+ \\(at https?://[^/]+${escapeRegExp(path)}(\\?[^)]*)?\\)$`);
}

/** Any call to the API failing while a journey has it restarted on purpose (a 5xx, or no connection). */
export const API_OUTAGE = /(status of 5\d\d|net::ERR_[A-Z_]+) .*\(at https?:\/\/[^/]+\/(trpc|api)\/[^)]*\)$/;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
