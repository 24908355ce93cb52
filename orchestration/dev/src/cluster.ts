// `pnpm cluster`: the production layout on this machine — nginx (deploy/nginx) on 127.0.0.1 in
// front of three API processes on one database (embedded PostgreSQL unless DATABASE_URL is set),
// migrated and seeded, with the Stripe emulator sending its webhooks through nginx. Runs until
// Ctrl-C. `--instances N` for another count, `--port P` for nginx's port.
import { EMULATOR_WEBHOOK_SECRET } from '@autodoctor/api';
import { NginxMissingError, startLocalCluster, type LocalCluster } from '@autodoctor/cluster/local-cluster';
import { connect, describeError, runMigrations } from '@autodoctor/db';
import { openLocalDatabase, redactPassword } from '@autodoctor/db/embedded';
import { startStripeEmulator, type StripeEmulator } from '@autodoctor/stripe-emulator';
import getPort from 'get-port';
import { parseArgs } from 'node:util';
import { seedDemoData } from './demo-data.ts';
import { devVapidSettings } from './dev-vapid-keys.ts';
import { printDemoSummary } from './print-summary.ts';

const DEV_AUTH_SECRET = 'autodoctor-local-development-secret-do-not-deploy';

const { values } = parseArgs({
  options: { instances: { type: 'string', default: '3' }, port: { type: 'string', default: '8080' } },
});
const instances = Number(values.instances);
if (!Number.isInteger(instances) || instances < 1) {
  console.error('--instances must be a whole number ≥ 1');
  process.exit(1);
}

const database = await openLocalDatabase().catch((error: unknown) => {
  console.error(`Could not start the database: ${describeError(error)}`);
  process.exit(1);
});

let emulator: StripeEmulator | undefined;
let cluster: LocalCluster | undefined;
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping …`);
  await cluster?.stop().catch((error: unknown) => console.error(`cluster: ${describeError(error)}`));
  await emulator
    ?.close()
    .catch((error: unknown) => console.error(`Stripe emulator: ${describeError(error)}`));
  await database.stop().catch((error: unknown) => console.error(describeError(error)));
  console.log('Stopped. Your data is kept for the next run.');
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  console.log(`Database: ${database.description}`);
  await runMigrations(database.url);
  const { db, close } = connect(database.url, { max: 2 });
  try {
    printDemoSummary(await seedDemoData(db));
  } finally {
    await close();
  }
  emulator = await startStripeEmulator({ port: await getPort({ port: 12111 }) });
  cluster = await startLocalCluster({
    instances,
    port: await getPort({ port: Number(values.port) }),
    keepDir: true,
    env: {
      BETTER_AUTH_SECRET: DEV_AUTH_SECRET,
      STRIPE_EMULATOR_URL: emulator.url,
      ...(await devVapidSettings()), // Web Push on, the same keys as `pnpm dev`
      RATE_LIMIT_MULTIPLIER: '10', // one machine, many sign-ups
      ...process.env,
      DATABASE_URL: database.url,
    },
  });
  emulator.addWebhookEndpoint(`${cluster.url}/webhooks/stripe`, EMULATOR_WEBHOOK_SECRET);
  console.log('');
  console.log(`AutoDoctor behind nginx: ${cluster.url}   (tRPC at /trpc, sign-in at /api/auth)`);
  for (const instance of cluster.instances) {
    console.log(`  instance ${instance.index}  ${instance.url}   (metrics: ${instance.metricsUrl}/metrics)`);
  }
  console.log(`  Stripe emulator  ${emulator.url}   (webhooks through nginx)`);
  console.log(`  PostgreSQL       ${redactPassword(database.url)}`);
  console.log(`  logs and nginx configuration: ${cluster.dir}`);
  console.log('Press Ctrl-C to stop.');
} catch (error) {
  console.error(
    error instanceof NginxMissingError ? error.message : `Start-up failed: ${describeError(error)}`,
  );
  process.exitCode = 1;
  await shutdown('error');
}
