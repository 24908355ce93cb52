// `pnpm dev`: the local database, migrated and seeded, running until Ctrl-C.
// (The API issue grows this into the whole product: API, Stripe emulator, apps.)
import { connect, describeError, runMigrations } from '@autodoctor/db';
import { openLocalDatabase, redactPassword } from '@autodoctor/db/embedded';
import { seedDemoData } from './demo-data.ts';
import { printDemoSummary } from './print-summary.ts';

const database = await openLocalDatabase().catch((error: unknown) => {
  console.error(`Could not start the database: ${describeError(error)}`);
  process.exit(1);
});

// Nothing else keeps Node running while it waits: the database is a separate process.
const keepAlive = setInterval(() => {}, 1 << 30);
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(keepAlive);
  console.log(`\n${signal}: stopping …`);
  // Also a server adopted from an earlier, killed run: `pnpm dev` owns the local database's lifetime.
  await database.stop().catch((error: unknown) => console.error(describeError(error)));
  console.log('Stopped. Your data is kept for the next run.');
  // Node exits by itself once nothing is left to do; output is flushed first.
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

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
  console.log('');
  console.log(`PostgreSQL is ready: ${database.url}`);
  console.log(`  psql "${redactPassword(database.url)}"`);
  console.log('Press Ctrl-C to stop.');
} catch (error) {
  console.error(`Start-up failed: ${describeError(error)}`);
  process.exitCode = 1;
  await shutdown('error');
}
