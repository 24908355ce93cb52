// The whole product on this machine, as `pnpm dev` and `pnpm start` run it: the
// local database (embedded PostgreSQL unless DATABASE_URL is set), migrated and
// seeded, the Stripe emulator (unless real Stripe keys are set), the mail catcher
// (unless SMTP_URL is set), the API and both web apps, running until Ctrl-C. Data is
// kept between runs; caught mail is not.
import {
  EMULATOR_WEBHOOK_SECRET,
  loadConfig,
  startApiServer,
  type ApiConfig,
  type ApiServer,
} from '@autodoctor/api';
import { connect, describeError, runMigrations } from '@autodoctor/db';
import { openLocalDatabase, redactPassword } from '@autodoctor/db/embedded';
import { startMailCatcher, type MailCatcher } from '@autodoctor/mail-catcher';
import { startStripeEmulator, type StripeEmulator } from '@autodoctor/stripe-emulator';
import getPort from 'get-port';
import { writeFile } from 'node:fs/promises';
import { seedDemoData } from './demo-data.ts';
import { devVapidSettings } from './dev-vapid-keys.ts';
import { printDemoSummary, printUrls } from './print-summary.ts';

// Local use only: production sets its own secret.
const DEV_AUTH_SECRET = 'autodoctor-local-development-secret-do-not-deploy';

export interface WebApps {
  customerUrl: string;
  mechanicUrl: string;
  opsUrl: string;
  close: () => Promise<void>;
}

export interface ProductOptions {
  /** Starts the apps in front of the API at `apiUrl` (Vite in dev, the built files otherwise). */
  startWebApps: (apiUrl: string) => Promise<WebApps>;
  /** Printed beside each app's URL, e.g. "(Vite)". */
  appsLabel: string;
}

export async function runProduct({ startWebApps, appsLabel }: ProductOptions): Promise<void> {
  const database = await openLocalDatabase().catch((error: unknown) => {
    console.error(`Could not start the database: ${describeError(error)}`);
    process.exit(1);
  });

  let emulator: StripeEmulator | undefined;
  let mailCatcher: MailCatcher | undefined;
  let api: ApiServer | undefined;
  let apiConfig: ApiConfig | undefined;
  let webApps: WebApps | undefined;
  let stopping = false;

  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping …`);
    await webApps?.close().catch((error: unknown) => console.error(`Web apps: ${describeError(error)}`));
    await api?.close().catch((error: unknown) => console.error(`API: ${describeError(error)}`));
    await emulator
      ?.close()
      .catch((error: unknown) => console.error(`Stripe emulator: ${describeError(error)}`));
    await mailCatcher
      ?.close()
      .catch((error: unknown) => console.error(`Mail catcher: ${describeError(error)}`));
    // Also a server adopted from an earlier, killed run: this command owns the local database's lifetime.
    await database.stop().catch((error: unknown) => console.error(describeError(error)));
    console.log('Stopped. Your data is kept for the next run.');
    // Node exits by itself once nothing is left to do; output is flushed first.
  }

  // SIGUSR2 restarts the API alone (the apps and the database stay up): its clients
  // see it go away and come back, as after a deploy. The browser tests use it.
  async function restartApi(): Promise<void> {
    if (!api || !apiConfig || stopping) return;
    const pauseMs = Number(process.env.AUTODOCTOR_API_RESTART_PAUSE_MS ?? 0);
    console.log('SIGUSR2: restarting the API …');
    await api.close();
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    api = await startApiServer(apiConfig);
    console.log(`API restarted at ${api.url}.`);
  }

  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGUSR2', () => void restartApi());

  try {
    console.log(`Database: ${database.description}`);
    const { applied, total } = await runMigrations(database.url);
    console.log(
      applied === 0 ? `Migrations up to date (${total}).` : `Applied ${applied} of ${total} migrations.`,
    );
    const { db, close } = connect(database.url, { max: 2 });
    try {
      printDemoSummary(await seedDemoData(db));
    } finally {
      await close();
    }

    emulator = await startStripeEmulator({ port: await getPort({ port: 12111 }) });
    // Every email the API sends lands here (a real SMTP server), readable in its web inbox.
    mailCatcher = await startMailCatcher({
      smtpPort: await getPort({ port: 1025 }),
      httpPort: await getPort({ port: 1080 }),
    });
    const port = Number(process.env.PORT) || (await getPort({ port: 3000 }));
    // The apps forward /trpc, /api/auth and /api/photos to the API, so the browser sees one origin per app.
    webApps = await startWebApps(`http://127.0.0.1:${port}`);
    // The environment may override any setting (e.g. real Stripe keys, LOG_LEVEL).
    apiConfig = loadConfig({
      APP_ORIGINS: `${webApps.customerUrl},${webApps.mechanicUrl},${webApps.opsUrl}`,
      CUSTOMER_APP_URL: webApps.customerUrl,
      MECHANIC_APP_URL: webApps.mechanicUrl,
      OPS_APP_URL: webApps.opsUrl,
      BETTER_AUTH_SECRET: DEV_AUTH_SECRET,
      STRIPE_EMULATOR_URL: emulator.url,
      // Web Push on, with a key pair made once and kept in the local data.
      ...(await devVapidSettings()),
      SMTP_URL: mailCatcher.smtpUrl,
      // Webhook receivers on this machine (the partner example's sample receiver) are allowed here.
      WEBHOOK_ALLOW_LOOPBACK: 'on',
      LOG_LEVEL: 'warn',
      // One machine signs up many users (the browser tests sign up dozens from 127.0.0.1).
      RATE_LIMIT_MULTIPLIER: '10',
      ...process.env,
      PORT: String(port),
      DATABASE_URL: database.url,
    });
    api = await startApiServer(apiConfig);
    emulator.addWebhookEndpoint(`${api.url}/webhooks/stripe`, EMULATOR_WEBHOOK_SECRET);

    printUrls({
      appsLabel,
      customerUrl: webApps.customerUrl,
      mechanicUrl: webApps.mechanicUrl,
      opsUrl: webApps.opsUrl,
      apiUrl: api.url,
      stripe: apiConfig.STRIPE_SECRET_KEY ? 'real' : emulator.url,
      // SMTP_URL from the environment wins: then mail goes there, not to the catcher.
      mail: apiConfig.SMTP_URL === mailCatcher.smtpUrl ? mailCatcher.inboxUrl : 'relay',
      databaseUrl: redactPassword(database.url),
    });
    console.log('Press Ctrl-C to stop.');
    // For programs that drive the product (the browser tests, the web benchmark): where everything is.
    if (process.env.AUTODOCTOR_DEV_STATE_FILE) {
      const state = {
        pid: process.pid,
        customerUrl: webApps.customerUrl,
        mechanicUrl: webApps.mechanicUrl,
        opsUrl: webApps.opsUrl,
        apiUrl: api.url,
        stripeEmulatorUrl: emulator.url,
        mailInboxUrl: mailCatcher.inboxUrl,
        databaseUrl: database.url,
      };
      await writeFile(process.env.AUTODOCTOR_DEV_STATE_FILE, JSON.stringify(state, null, 2));
    }
  } catch (error) {
    console.error(`Start-up failed: ${describeError(error)}`);
    process.exitCode = 1;
    await shutdown('error');
  }
}
