// `pnpm bench:web [--json] [--rounds N]`: builds both apps, prints what the first
// route of each loads (JS and CSS, gzip) and, in headless Chromium against the
// product served as `pnpm start` serves it, the time from navigation to the
// customer's intake form being ready (its options loaded, the submit enabled).
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

const { values: args } = parseArgs({
  options: { json: { type: 'boolean', default: false }, rounds: { type: 'string', default: '20' } },
});
const rounds = Number(args.rounds);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const log = (line: string) => {
  if (!args.json) console.log(line);
};

assertChromiumInstalled();
log('Building both apps (pnpm build) …');
execFileSync('pnpm', ['build'], { cwd: root, stdio: args.json ? 'ignore' : 'inherit' });

// A returning customer's first route is the dashboard; a new visitor's is the sign-in page.
const customerDashboard = await initialLoad(`${root}apps/customer-web/dist`, [
  'src/features/dashboard/dashboard-page.tsx',
]);
const customerSignIn = await initialLoad(`${root}apps/customer-web/dist`, [
  'src/features/auth/sign-in-page.tsx',
]);
const mechanicQueue = await initialLoad(`${root}apps/mechanic-web/dist`, [
  'src/features/queue/queue-page.tsx',
]);
log('');
log('Initial load (gzip, level 9): entry + its static imports + the first route');
log(`  customer, dashboard   JS ${customerDashboard.jsGzipKb} KB   CSS ${customerDashboard.cssGzipKb} KB`);
log(`  customer, sign-in     JS ${customerSignIn.jsGzipKb} KB   CSS ${customerSignIn.cssGzipKb} KB`);
log(`  mechanic, queue       JS ${mechanicQueue.jsGzipKb} KB   CSS ${mechanicQueue.cssGzipKb} KB`);

log('');
log(`Starting the product as \`pnpm start\` serves it …`);
const product = await startProduct('start');
shareProductState(product.state);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const timings: number[] = [];
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
} finally {
  await browser.close();
  await closeProductDatabase();
  await product.stop();
}

const sorted = [...timings].sort((a, b) => a - b);
const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
const result = {
  customer_js_gzip_kb: customerDashboard.jsGzipKb,
  customer_css_gzip_kb: customerDashboard.cssGzipKb,
  customer_sign_in_js_gzip_kb: customerSignIn.jsGzipKb,
  mechanic_js_gzip_kb: mechanicQueue.jsGzipKb,
  mechanic_css_gzip_kb: mechanicQueue.cssGzipKb,
  intake_ready_p50_ms: at(0.5),
  intake_ready_p95_ms: at(0.95),
  intake_ready_max_ms: Math.round(sorted[sorted.length - 1]!),
  rounds: timings.length,
};
log('');
log(`Intake form ready after navigation (${timings.length} rounds, warm cache, headless Chromium):`);
log(
  `  p50 ${result.intake_ready_p50_ms} ms   p95 ${result.intake_ready_p95_ms} ms   max ${result.intake_ready_max_ms} ms`,
);
const goal = (kb: number) => (kb < 150 ? 'met' : 'NOT met');
log(
  `Goal initial JS < 150 KB gzip: customer ${goal(result.customer_js_gzip_kb)}, mechanic ${goal(result.mechanic_js_gzip_kb)}`,
);
console.log(JSON.stringify(result));
