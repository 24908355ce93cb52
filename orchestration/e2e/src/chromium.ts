import { existsSync } from 'node:fs';

/** Debian's Chromium (Playwright cannot download its own here), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // No calls home: this machine's network is closed, and tests should not wait on it.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** One line on how to get a browser, instead of Playwright's long "browser not found". */
export function assertChromiumInstalled(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y --no-install-recommends chromium\` or set CHROMIUM_PATH.`,
    );
  }
}
