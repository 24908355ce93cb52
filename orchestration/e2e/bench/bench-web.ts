// `pnpm bench:web [--json] [--rounds N]`: builds the apps, prints what the first
// route of each loads (JS and CSS, gzip) and, in headless Chromium against the
// product served as `pnpm start` serves it, the time from navigation to the
// customer's intake form being ready (its options loaded, the submit enabled), and
// the time from a customer's submit to the new session on the screens of
// mechanics with the queue open (`--mechanics 20 --submissions 50`).
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { signedInCustomer } from '../src/accounts.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, assertChromiumInstalled } from '../src/chromium.ts';
import { closeProductDatabase } from '../src/database.ts';
import { shareProductState } from '../src/product-state.ts';
import { startProduct } from '../src/run-product.ts';
import { initialLoad } from './initial-load.ts';
import { measureSubmitToScreen, type SubmitToScreen } from './submit-to-screen.ts';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '20' },
    mechanics: { type: 'string', default: '20' },
    submissions: { type: 'string', default: '50' },
  },
});
const rounds = Number(args.rounds);
/** Sign-in done → the intake form usable (issue 21). */
const GOAL_INTAKE_READY_P95_MS = 300;
/** The operations console's first load, charts excluded (issue 25). */
const GOAL_OPS_JS_GZIP_KB = 150;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const log = (line: string) => {
  if (!args.json) console.log(line);
};

assertChromiumInstalled();
log('Building the apps (pnpm build) …');
execFileSync('pnpm', ['build'], { cwd: root, stdio: args.json ? 'ignore' : 'inherit' });

// A returning customer's first route is the dashboard; a new visitor's is the sign-in page.
// The customer app's signed-in frame is a lazy chunk of its own: a signed-in route loads it and its page.
const customerDashboard = await initialLoad(`${root}apps/customer-web/dist`, [
  'src/app/signed-in-layout.tsx',
  'src/features/dashboard/dashboard-page.tsx',
]);
const customerSignIn = await initialLoad(`${root}apps/customer-web/dist`, [
  'src/features/auth/sign-in-page.tsx',
]);
const mechanicQueue = await initialLoad(`${root}apps/mechanic-web/dist`, [
  'src/features/queue/queue-page.tsx',
]);
const mechanicSignIn = await initialLoad(`${root}apps/mechanic-web/dist`, [
  'src/features/auth/sign-in-page.tsx',
]);
// The console opens on the analytics; its charts (recharts) are a lazy chunk, loaded after.
const opsAnalytics = await initialLoad(`${root}apps/ops-web/dist`, [
  'src/features/analytics/analytics-page.tsx',
]);
log('');
log('Initial load (gzip, level 9): entry + its static imports + the first route');
log(`  customer, dashboard   JS ${customerDashboard.jsGzipKb} KB   CSS ${customerDashboard.cssGzipKb} KB`);
log(`  customer, sign-in     JS ${customerSignIn.jsGzipKb} KB   CSS ${customerSignIn.cssGzipKb} KB`);
log(`  mechanic, queue       JS ${mechanicQueue.jsGzipKb} KB   CSS ${mechanicQueue.cssGzipKb} KB`);
log(`  mechanic, sign-in     JS ${mechanicSignIn.jsGzipKb} KB   CSS ${mechanicSignIn.cssGzipKb} KB`);
log(
  `  operations, analytics JS ${opsAnalytics.jsGzipKb} KB   CSS ${opsAnalytics.cssGzipKb} KB   (goal < ${GOAL_OPS_JS_GZIP_KB} KB JS)`,
);

log('');
log(`Starting the product as \`pnpm start\` serves it …`);
// A benchmark signs up dozens of accounts from 127.0.0.1 in seconds: rate limits off.
const product = await startProduct('start', { RATE_LIMITS: 'off' });
shareProductState(product.state);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const timings: number[] = [];
let screens: SubmitToScreen;
try {
  const context = await browser.newContext();
  await signedInCustomer(context);
  for (let round = 0; round < rounds + 1; round++) {
    // A new page each time, the HTTP cache kept as a returning customer's would be.
    const page = await context.newPage();
    await page.goto(`${product.state.customerUrl}/new`, { waitUntil: 'commit' });
    await page.getByRole('button', { name: 'Start session' }).waitFor();
    const readyMs = await page.evaluate(() => performance.now());
    await page.close();
    // The first round fills the cache and warms the server: it is not counted.
    if (round > 0) timings.push(readyMs);
  }
  await context.close();

  log(`Submit to screen: ${args.mechanics} mechanics with the queue open, ${args.submissions} submissions …`);
  screens = await measureSubmitToScreen(browser, product.state, {
    mechanics: Number(args.mechanics),
    submissions: Number(args.submissions),
  });
} finally {
  await browser.close();
  await closeProductDatabase();
  await product.stop();
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
};
const at = (q: number) => quantile(timings, q);
const result = {
  customer_js_gzip_kb: customerDashboard.jsGzipKb,
  customer_css_gzip_kb: customerDashboard.cssGzipKb,
  customer_sign_in_js_gzip_kb: customerSignIn.jsGzipKb,
  mechanic_js_gzip_kb: mechanicQueue.jsGzipKb,
  mechanic_css_gzip_kb: mechanicQueue.cssGzipKb,
  ops_js_gzip_kb: opsAnalytics.jsGzipKb,
  ops_css_gzip_kb: opsAnalytics.cssGzipKb,
  goal_ops_js_gzip_kb: GOAL_OPS_JS_GZIP_KB,
  intake_ready_p50_ms: at(0.5),
  intake_ready_p95_ms: at(0.95),
  intake_ready_max_ms: quantile(timings, 1),
  goal_intake_ready_p95_ms: GOAL_INTAKE_READY_P95_MS,
  rounds: timings.length,
  mechanic_sign_in_js_gzip_kb: mechanicSignIn.jsGzipKb,
  submit_to_screen_p50_ms: quantile(screens.allMs, 0.5),
  submit_to_screen_p95_ms: quantile(screens.allMs, 0.95),
  submit_to_screen_max_ms: quantile(screens.allMs, 1),
  submit_to_all_screens_p95_ms: quantile(screens.slowestMs, 0.95),
  screens_measured: screens.allMs.length,
};
log('');
log(`Intake form ready after navigation (${timings.length} rounds, warm cache, headless Chromium):`);
log(
  `  p50 ${result.intake_ready_p50_ms} ms   p95 ${result.intake_ready_p95_ms} ms   max ${result.intake_ready_max_ms} ms   goal p95 < ${GOAL_INTAKE_READY_P95_MS} ms: ${result.intake_ready_p95_ms < GOAL_INTAKE_READY_P95_MS ? 'met' : 'NOT met'}`,
);
log('');
log(
  `Submit to screen (${args.submissions} submissions × ${args.mechanics} mechanics = ${result.screens_measured} screens):`,
);
log(
  `  p50 ${result.submit_to_screen_p50_ms} ms   p95 ${result.submit_to_screen_p95_ms} ms   max ${result.submit_to_screen_max_ms} ms   (all ${args.mechanics} screens, p95: ${result.submit_to_all_screens_p95_ms} ms)   goal p95 < 250 ms: ${result.submit_to_screen_p95_ms < 250 ? 'met' : 'NOT met'}`,
);
const goal = (kb: number) => (kb < 150 ? 'met' : 'NOT met');
log(
  `Goal initial JS < 150 KB gzip: customer ${goal(result.customer_js_gzip_kb)}, mechanic ${goal(result.mechanic_js_gzip_kb)}`,
);
console.log(JSON.stringify(result));
