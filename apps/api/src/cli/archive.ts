// `pnpm archive --before DATE [--out DIR] [--dry-run]` and `pnpm archive --restore DIR` (see
// archive-command.ts and apps/api/README.md, "Archive"). Uses DATABASE_URL, else the local
// development database of `pnpm dev`; the photo storage and ARCHIVE_* of the API's settings.
import { connect, describeError } from '@autodoctor/db';
import { openLocalDatabase } from '@autodoctor/db/embedded';
import { z } from 'zod';
import { ArchiveVerificationError } from '../archive/archive-files.ts';
import { ArchiveInputError } from '../archive/archive.ts';
import { progressPrinter } from '../archive/progress.ts';
import { configSchema } from '../config.ts';
import { createPhotoStorage } from '../photos/create-photo-storage.ts';
import { ArchiveCommandError, runArchiveCommand } from './archive-command.ts';

const { shape } = configSchema;
const settings = z
  .object({
    ARCHIVE_RETENTION_MONTHS: shape.ARCHIVE_RETENTION_MONTHS,
    ARCHIVE_BATCH_SESSIONS: shape.ARCHIVE_BATCH_SESSIONS,
    PHOTO_STORAGE: shape.PHOTO_STORAGE,
    S3_BUCKET: shape.S3_BUCKET,
    S3_REGION: shape.S3_REGION,
    S3_ENDPOINT: shape.S3_ENDPOINT,
    S3_FORCE_PATH_STYLE: shape.S3_FORCE_PATH_STYLE,
    S3_ACCESS_KEY_ID: shape.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: shape.S3_SECRET_ACCESS_KEY,
  })
  .safeParse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== '')));
if (!settings.success) {
  console.error(
    `Invalid configuration: ${settings.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
  );
  process.exit(2);
}

// A stop finishes the step under way (a batch's transaction commits or rolls back) and says so.
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping after the current step (run the command again to resume)…`);
    stop.abort();
  });
}

const database = await openLocalDatabase();
// Three connections: the archive lock's, a batch's transaction, the photo storage's beside it.
const { db, close } = connect(database.url, { max: 3 });
try {
  const { output, exitCode } = await runArchiveCommand(
    db,
    createPhotoStorage(settings.data, db),
    process.argv.slice(2),
    {
      retentionMonths: settings.data.ARCHIVE_RETENTION_MONTHS,
      batchSessions: settings.data.ARCHIVE_BATCH_SESSIONS,
      signal: stop.signal,
      onProgress: progressPrinter(process.stderr),
    },
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(output);
  process.exitCode = exitCode;
} catch (error) {
  if (error instanceof ArchiveCommandError) {
    console.error(error.message);
    process.exitCode = error.exitCode;
  } else if (error instanceof ArchiveInputError || error instanceof ArchiveVerificationError) {
    console.error(`Refused: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(`The archive command failed: ${describeError(error)}`);
    process.exitCode = 1;
  }
} finally {
  await close();
  if (database.startedHere) await database.stop();
}
