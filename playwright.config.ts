import { defineConfig } from '@playwright/test';
import { registerHooks } from 'node:module';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './orchestration/e2e/src/chromium.ts';

// The journeys and the API code they import take the workspace packages' TypeScript source (root
// README, "Packages for other services"): `pnpm test:e2e` runs Playwright with that export condition;
// a bare `playwright test` gets it here, in the runner and in each worker (they all load this file).
const SOURCE_CONDITION = '@autodoctor/source';
if (
  !`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes(
    `--conditions=${SOURCE_CONDITION}`,
  )
) {
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      nextResolve(specifier, { ...context, conditions: [SOURCE_CONDITION, ...context.conditions] }),
  });
}

// The browser journeys: real Chromium against the product started as the README
// starts it (`pnpm dev`, on a throwaway database: orchestration/e2e/src/global-setup.ts).
export default defineConfig({
  testDir: './orchestration/e2e/journeys',
  testMatch: '**/*.e2e.ts',
  globalSetup: './orchestration/e2e/src/global-setup.ts',
  outputDir: './test-results',
  // Two workers on a 2-core machine; journeys are independent (each makes its own accounts).
  workers: 2,
  fullyParallel: true,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  projects: [
    { name: 'journeys', testIgnore: /reconnect\.e2e\.ts$/ },
    // Restarts the API under every open page: alone, after the rest, one at a time (each restart
    // would cut the other's sign-ups short).
    { name: 'api-restart', testMatch: /reconnect\.e2e\.ts$/, dependencies: ['journeys'], workers: 1 },
  ],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'Europe/Berlin',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
});
