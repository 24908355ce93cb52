// `pnpm db:seed`: migrates, then writes the demo data (repeatable) to DATABASE_URL or the embedded server.
import { connect, describeError, runMigrations } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import { seedDemoData } from './demo-data.ts';
import { printDemoSummary } from './print-summary.ts';

const database = await openLocalDatabase();
const { db, close } = connect(database.url);
try {
  console.log(`Seeding ${database.description}`);
  await runMigrations(database.url);
  printDemoSummary(await seedDemoData(db));
} catch (error) {
  console.error(`Seeding failed: ${describeError(error)}`);
  process.exitCode = 1;
} finally {
  await close();
  if (database.startedHere) await database.stop();
}
