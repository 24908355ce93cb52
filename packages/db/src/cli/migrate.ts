// `pnpm db:migrate`: applies pending migrations to DATABASE_URL or the embedded server.
import { openLocalDatabase } from '../embedded/index.ts';
import { runMigrations } from '../migrate.ts';
import { describeError } from '../postgres-error.ts';

const database = await openLocalDatabase();
try {
  console.log(`Migrating ${database.description}`);
  const { applied, total } = await runMigrations(database.url);
  console.log(
    applied === 0 ? `Up to date (${total} migrations).` : `Applied ${applied} of ${total} migrations.`,
  );
} catch (error) {
  console.error(`Migration failed: ${describeError(error)}`);
  process.exitCode = 1;
} finally {
  if (database.startedHere) await database.stop();
}
