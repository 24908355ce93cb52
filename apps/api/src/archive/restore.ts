// `pnpm archive --restore DIR`: brings an archive back into the database and the photo storage.
import type { Database } from '@autodoctor/db';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PhotoStorage } from '../photos/photo-storage.ts';
import { ArchiveVerificationError, readManifest, verifyArchiveFiles } from './archive-files.ts';
import { loadBatchFiles, withArchiveLock } from './archive.ts';
import { ARCHIVED_TABLES, quoteIdent } from './archive-tables.ts';

export interface RestoreResult {
  batches: number;
  /** Rows written, and rows that were in the database already (a second restore), per table. */
  inserted: Record<string, number>;
  present: Record<string, number>;
  photosWritten: number;
  photosPresent: number;
}

/**
 * Verifies every file's checksum first (a mismatch: nothing restored), then puts the photos' bytes
 * back (those the storage lacks), then every row in one transaction, parents first: each file is
 * copied into a temporary table and inserted with `ON CONFLICT DO NOTHING`, so restoring twice
 * writes nothing twice. A row that is neither inserted nor already there under its key (another
 * row holds one of its unique values) fails the whole restore, naming the table.
 */
export async function restoreArchive(
  db: Database,
  storage: PhotoStorage,
  dir: string,
): Promise<RestoreResult> {
  return withArchiveLock(db, () => restoreLocked(db, storage, dir));
}

async function restoreLocked(db: Database, storage: PhotoStorage, dir: string): Promise<RestoreResult> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new ArchiveVerificationError(`${dir} has no manifest.json: it is not an archive`);
  await verifyArchiveFiles(dir, manifest.batches);
  const result: RestoreResult = {
    batches: manifest.batches.length,
    inserted: {},
    present: {},
    photosWritten: 0,
    photosPresent: 0,
  };
  for (const batch of manifest.batches) {
    for (const photo of batch.photos) {
      if (await storage.get(photo.key)) {
        result.photosPresent += 1;
        continue;
      }
      await storage.put(photo.key, await readFile(path.join(dir, photo.file)), photo.contentType);
      result.photosWritten += 1;
    }
  }
  await db.$client.begin(async (tx) => {
    // Restored events bring their own room lines and webhook deliveries back (migration 0016).
    await tx.unsafe(`SET LOCAL autodoctor.archive = 'on'`);
    for (const batch of manifest.batches) {
      const columnsOf = await loadBatchFiles(tx, dir, batch);
      for (const table of ARCHIVED_TABLES) {
        const columns = columnsOf.get(table.name)!.map(quoteIdent).join(', ');
        const archived = quoteIdent(`archived_${table.name}`);
        const written = await tx.unsafe(
          `INSERT INTO ${quoteIdent(table.name)} (${columns}) OVERRIDING SYSTEM VALUE
           SELECT ${columns} FROM ${archived} ON CONFLICT DO NOTHING`,
        );
        const [absent] = await tx.unsafe<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM ${archived} AS archived
           WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(table.name)} AS live
                             WHERE ${table.key.map((c) => `live.${quoteIdent(c)} = archived.${quoteIdent(c)}`).join(' AND ')})`,
        );
        if (absent?.count) {
          throw new ArchiveVerificationError(
            `${absent.count} row(s) of ${table.name} in ${batch.name} conflict with rows in the database (another row has one of their unique values): nothing was restored`,
          );
        }
        const [total] = await tx.unsafe<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM ${archived}`,
        );
        result.inserted[table.name] = (result.inserted[table.name] ?? 0) + written.count;
        result.present[table.name] = (result.present[table.name] ?? 0) + (total?.count ?? 0) - written.count;
      }
    }
  });
  return result;
}
