// The work behind `pnpm archive …` (archive.ts), apart so that tests can call it.
import type { Database } from '@autodoctor/db';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { archiveSessions, parseBefore, planArchive, type ArchiveProgress } from '../archive/archive.ts';
import { restoreArchive } from '../archive/restore.ts';
import type { PhotoStorage } from '../photos/photo-storage.ts';

export const ARCHIVE_USAGE = `usage:
  pnpm archive --before DATE [--out DIR] [--dry-run]
  pnpm archive --restore DIR
DATE: YYYY-MM-DD (midnight UTC) or an ISO 8601 time, at least ARCHIVE_RETENTION_MONTHS ago.
DIR: by default ./archive-before-DATE (a stopped run resumes from it).`;

/** A refusal the command prints as is (exit code 2: the input). */
export class ArchiveCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export interface ArchiveCommandContext {
  retentionMonths: number;
  batchSessions: number;
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (progress: ArchiveProgress) => void;
}

const count = (n: number) => new Intl.NumberFormat('en-US').format(n);

/**
 * Runs one command and returns what it prints on stdout.
 * @throws {ArchiveCommandError} bad arguments
 * @throws {ArchiveInputError | ArchiveVerificationError} refused: nothing changed
 */
export async function runArchiveCommand(
  db: Database,
  storage: PhotoStorage,
  args: string[],
  context: ArchiveCommandContext,
): Promise<{ output: string; exitCode: 0 | 1 }> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        before: { type: 'string' },
        out: { type: 'string' },
        'dry-run': { type: 'boolean' },
        restore: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new ArchiveCommandError(`${(error as Error).message}\n${ARCHIVE_USAGE}`, 2);
  }

  if (values.restore !== undefined) {
    if (values.before || values.out || values['dry-run']) {
      throw new ArchiveCommandError(`--restore takes no other option\n${ARCHIVE_USAGE}`, 2);
    }
    const restored = await restoreArchive(db, storage, values.restore);
    const lines = Object.keys(restored.inserted).map(
      (table) =>
        `  ${table}: ${count(restored.inserted[table] ?? 0)} restored, ${count(restored.present[table] ?? 0)} already there`,
    );
    return {
      output: [
        `Restored ${values.restore} (${restored.batches} batches):`,
        ...lines,
        `  photos: ${restored.photosWritten} restored, ${restored.photosPresent} already there`,
      ].join('\n'),
      exitCode: 0,
    };
  }

  let before: Date;
  try {
    before = parseBefore(values.before, context.now ?? new Date(), context.retentionMonths);
  } catch (error) {
    throw new ArchiveCommandError(`${(error as Error).message}\n${ARCHIVE_USAGE}`, 2);
  }
  const day = before.toISOString().slice(0, 10);
  if (values['dry-run']) {
    const plan = await planArchive(db, before);
    if (plan.sessions === 0)
      return { output: `Dry run: no session to archive before ${before.toISOString()}.`, exitCode: 0 };
    return {
      output: [
        `Dry run: would archive ${count(plan.sessions)} sessions created from ${plan.oldestCreatedAt?.toISOString()} to ${plan.newestCreatedAt?.toISOString()} (before ${before.toISOString()}), ${count(plan.rows)} rows and ${count(plan.photos)} photo files:`,
        ...Object.entries(plan.tables).map(([table, rows]) => `  ${table}: ${count(rows)}`),
        'Nothing was changed or written.',
      ].join('\n'),
      exitCode: 0,
    };
  }

  const outDir = path.resolve(values.out ?? `archive-before-${day}`);
  const result = await archiveSessions(db, storage, {
    before,
    outDir,
    batchSessions: context.batchSessions,
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.onProgress ? { onProgress: context.onProgress } : {}),
  });
  const missing = result.missingPhotos.length
    ? `\nThe storage had no bytes for ${result.missingPhotos.length} photo file(s), listed in the manifest: ${result.missingPhotos.join(', ')}`
    : '';
  switch (result.outcome) {
    case 'nothing':
      return {
        output:
          result.sessionsBefore > 0
            ? `Nothing more to archive before ${before.toISOString()}: its ${count(result.sessionsBefore)} sessions are in ${outDir} already.`
            : `Nothing to archive before ${before.toISOString()}.`,
        exitCode: 0,
      };
    case 'stopped':
      return {
        output: `Stopped: ${count(result.sessions)} sessions archived into ${outDir} by this run. Run the same command again to finish.${missing}`,
        exitCode: 1,
      };
    case 'archived':
      return {
        output:
          `Archived ${count(result.sessions)} sessions before ${before.toISOString()} into ${outDir} ` +
          `(${count(Object.values(result.rows).reduce((sum, n) => sum + n, 0))} rows, ${result.photos} photo files), verified and deleted.${missing}`,
        exitCode: 0,
      };
  }
}
