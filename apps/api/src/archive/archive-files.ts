// The archive directory: its manifest, checksums, and the gzip CSV files' headers.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export const ARCHIVE_FORMAT = 'autodoctor-session-archive';
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface ArchivedFile {
  /** Relative to the archive directory. */
  file: string;
  rows: number;
  sha256: string;
}

export interface ArchivedPhoto {
  /** The photo storage's key (`photos/<id>/full`, `…/thumbnail`). */
  key: string;
  file: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

/**
 * A batch of sessions, exported together and deleted in one transaction. `exported`: its files are
 * written and listed here, nothing deleted yet; `deleted`: its rows are gone from the database, the
 * photos' bytes not yet from the storage; `done`.
 */
export interface ArchiveBatch {
  name: string;
  state: 'exported' | 'deleted' | 'done';
  sessions: number;
  tables: Record<string, ArchivedFile>;
  photos: ArchivedPhoto[];
  /** Photos whose rows were exported but whose bytes the storage did not have. */
  missingPhotos: string[];
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  /** The newest migration applied to the database the archive was taken from. */
  schemaVersion: string | null;
  before: string;
  createdAt: string;
  updatedAt: string;
  /** The tables, in restore order (parents first). */
  tableOrder: string[];
  batches: ArchiveBatch[];
}

/** The archive is not what its manifest says, or is not an archive: nothing was changed. */
export class ArchiveVerificationError extends Error {
  readonly code = 'ARCHIVE_VERIFICATION_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveVerificationError';
  }
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function readManifest(dir: string): Promise<ArchiveManifest | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(text) as ArchiveManifest;
  } catch {
    throw new ArchiveVerificationError(`${path.join(dir, MANIFEST_FILE)} is not valid JSON`);
  }
  if (manifest.format !== ARCHIVE_FORMAT || manifest.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw new ArchiveVerificationError(
      `${path.join(dir, MANIFEST_FILE)} is not a session archive of format version ${ARCHIVE_FORMAT_VERSION}`,
    );
  }
  return manifest;
}

/** Written to a temporary file and renamed: a stop mid-write leaves the previous manifest whole. */
export async function writeManifest(dir: string, manifest: ArchiveManifest): Promise<void> {
  await mkdir(dir, { recursive: true });
  manifest.updatedAt = new Date().toISOString();
  const target = path.join(dir, MANIFEST_FILE);
  await writeFile(`${target}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${target}.tmp`, target);
}

/** The column names of a gzip CSV file's header line (PostgreSQL's own, plain identifiers). */
export async function csvHeaderColumns(file: string): Promise<string[]> {
  const gunzip = createGunzip();
  const lines = createInterface({ input: createReadStream(file).pipe(gunzip), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const columns = line.split(',');
      if (!columns.every((column) => /^[a-z_][a-z0-9_]*$/.test(column))) {
        throw new ArchiveVerificationError(`${file} does not start with a header of column names`);
      }
      return columns;
    }
  } catch (error) {
    if (error instanceof ArchiveVerificationError) throw error;
    throw new ArchiveVerificationError(
      `${file} is not a readable gzip CSV file: ${(error as Error).message}`,
    );
  } finally {
    lines.close();
    gunzip.destroy();
  }
  throw new ArchiveVerificationError(`${file} is empty`);
}

/**
 * Re-reads every file the manifest lists (of `batches`) and compares its SHA-256. Throws on the
 * first mismatch or missing file, naming it.
 */
export async function verifyArchiveFiles(dir: string, batches: readonly ArchiveBatch[]): Promise<void> {
  for (const batch of batches) {
    const files = [...Object.values(batch.tables), ...batch.photos];
    for (const entry of files) {
      let actual: string;
      try {
        actual = await sha256OfFile(path.join(dir, entry.file));
      } catch (error) {
        throw new ArchiveVerificationError(`${entry.file} cannot be read: ${(error as Error).message}`);
      }
      if (actual !== entry.sha256) {
        throw new ArchiveVerificationError(
          `${entry.file} has SHA-256 ${actual}, the manifest says ${entry.sha256}: the file changed since it was written`,
        );
      }
    }
  }
}
