// `pnpm archive`: moves sessions that are over and older than the retention period out of the live
// tables into a directory of gzip CSV files, photos and a manifest, batch by batch (see README).
import { refreshAnalyticsRollups } from '@autodoctor/analytics';
import { checkSchemaVersion, type Database } from '@autodoctor/db';
import { TERMINAL_SESSION_STATUSES } from '@autodoctor/session-core/rules';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, createGunzip } from 'node:zlib';
import type postgres from 'postgres';
import type { PhotoStorage } from '../photos/photo-storage.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  ArchiveVerificationError,
  csvHeaderColumns,
  readManifest,
  sha256Of,
  sha256OfFile,
  verifyArchiveFiles,
  writeManifest,
  type ArchiveBatch,
  type ArchiveManifest,
  type ArchivedFile,
} from './archive-files.ts';
import {
  ARCHIVED_TABLES,
  quoteIdent,
  unknownReferencingTables,
  type ArchivedTable,
} from './archive-tables.ts';

/** A refused request (bad date, another archive's directory, an unknown table): nothing changed. */
export class ArchiveInputError extends Error {
  readonly code = 'ARCHIVE_INVALID_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveInputError';
  }
}

/** The latest `--before` the retention period allows: now less `months` calendar months (UTC). */
export function retentionLimit(now: Date, months: number): Date {
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() - months);
  return limit;
}

/** Reads `--before`: a date (midnight UTC) or an ISO 8601 instant with its offset. */
export function parseBefore(text: string | undefined, now: Date, retentionMonths: number): Date {
  if (!text) throw new ArchiveInputError('--before DATE is required (e.g. --before 2024-01-01)');
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const isInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const before = new Date(isDate ? `${text}T00:00:00Z` : text);
  if (
    (!isDate && !isInstant) ||
    Number.isNaN(before.getTime()) ||
    (isDate && before.toISOString().slice(0, 10) !== text)
  ) {
    throw new ArchiveInputError(
      `--before ${text} is not a date: give YYYY-MM-DD (midnight UTC) or an ISO 8601 time with its offset`,
    );
  }
  const limit = retentionLimit(now, retentionMonths);
  if (before > limit) {
    throw new ArchiveInputError(
      `--before ${before.toISOString()} is within the retention period (ARCHIVE_RETENTION_MONTHS=${retentionMonths}): ` +
        `the latest allowed is ${limit.toISOString()}. Nothing was archived.`,
    );
  }
  return before;
}

export interface ArchivePlan {
  before: Date;
  sessions: number;
  /** Rows per table, in restore order. */
  tables: Record<string, number>;
  photos: number;
  rows: number;
  oldestCreatedAt: Date | null;
  newestCreatedAt: Date | null;
}

export interface ArchiveProgress {
  rowsDone: number;
  rowsTotal: number;
  sessionsDone: number;
  batch: string;
  /** What was just finished. */
  step: 'exported' | 'deleted';
}

export interface ArchiveOptions {
  before: Date;
  outDir: string;
  batchSessions: number;
  /** Stops between steps when aborted (SIGINT, SIGTERM): a later run resumes. */
  signal?: AbortSignal;
  onProgress?: (progress: ArchiveProgress) => void;
}

export interface ArchiveResult {
  /** `nothing`: no session to archive (and no unfinished batch); `stopped`: the signal came. */
  outcome: 'archived' | 'nothing' | 'stopped';
  /** Sessions archived by this run, and before it into the same directory. */
  sessions: number;
  sessionsBefore: number;
  rows: Record<string, number>;
  photos: number;
  missingPhotos: string[];
}

/**
 * The sessions to archive: over (session-core's terminal statuses), created and ended before
 * `$1`, and not still needed: a customer's counted free session (the one-free-session rule is the
 * unique index `uq_free_session_per_customer`; its own predicate is read from PostgreSQL, one
 * source of truth), a card refund not yet settled, a webhook delivery still pending.
 */
async function candidateSql(sql: postgres.Sql | postgres.TransactionSql): Promise<string> {
  const [index] = await sql<{ predicate: string | null }[]>`
    SELECT pg_get_expr(i.indpred, i.indrelid) AS predicate
    FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
    WHERE c.relname = 'uq_free_session_per_customer'`;
  if (!index?.predicate) throw new Error('The index uq_free_session_per_customer is missing');
  return `
    SELECT id, created_at FROM sessions
    WHERE status = ANY($2::session_status[]) AND created_at < $1::timestamptz AND (ended_at IS NULL OR ended_at < $1::timestamptz)
      AND NOT coalesce((${index.predicate}), false)
      AND NOT EXISTS (SELECT 1 FROM stripe_refunds AS r WHERE r.session_id = sessions.id AND r.refunded_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries AS d WHERE d.session_id = sessions.id AND d.status = 'pending')`;
}

const terminalStatuses = () => [...TERMINAL_SESSION_STATUSES];

async function assertKnownSchema(sql: postgres.Sql): Promise<void> {
  const unknown = await unknownReferencingTables(sql);
  if (unknown.length > 0) {
    throw new ArchiveInputError(
      `${unknown.join(', ')} reference${unknown.length === 1 ? 's' : ''} archived rows by a foreign key, and the archive ` +
        'does not know them: add them to ARCHIVED_TABLES or KEPT_TABLES (apps/api/src/archive/archive-tables.ts). Nothing was archived.',
    );
  }
}

const countRows = async (tx: postgres.TransactionSql, table: ArchivedTable) => {
  const [row] = await tx.unsafe<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM ${quoteIdent(table.name)} WHERE ${table.rows}`,
  );
  return row?.count ?? 0;
};

/** What `archiveSessions` would archive now (`--dry-run`): reads only, writes nothing. */
export async function planArchive(db: Database, before: Date): Promise<ArchivePlan> {
  const sql = db.$client;
  await assertKnownSchema(sql);
  return sql.begin('isolation level repeatable read', async (tx) => {
    await tx.unsafe(
      'CREATE TEMP TABLE archive_batch (id uuid PRIMARY KEY, created_at timestamptz) ON COMMIT DROP',
    );
    await tx.unsafe(`INSERT INTO archive_batch ${await candidateSql(tx)}`, [
      before.toISOString(),
      terminalStatuses(),
    ]);
    const tables: Record<string, number> = {};
    for (const table of ARCHIVED_TABLES) tables[table.name] = await countRows(tx, table);
    // As text: the connection's parsers leave timestamps to Drizzle.
    const [range] = await tx.unsafe<{ oldest: string | null; newest: string | null }[]>(
      'SELECT min(created_at)::text AS oldest, max(created_at)::text AS newest FROM archive_batch',
    );
    const [photos] = await tx.unsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM room_photos WHERE ${ARCHIVED_TABLES.find((t) => t.name === 'room_photos')!.rows}`,
    );
    const rows = Object.values(tables).reduce((sum, count) => sum + count, 0);
    return {
      before,
      sessions: tables.sessions ?? 0,
      tables,
      photos: (photos?.count ?? 0) * 2,
      rows,
      oldestCreatedAt: range?.oldest ? new Date(range.oldest) : null,
      newestCreatedAt: range?.newest ? new Date(range.newest) : null,
    };
  });
}

/**
 * Runs `work` holding the database's archive lock (a session advisory lock on a connection of its
 * own, freed if the process dies): two archive or restore runs never interleave their batches.
 */
export async function withArchiveLock<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const connection = await db.$client.reserve();
  try {
    const [lock] = await connection<{ locked: boolean }[]>`
      SELECT pg_try_advisory_lock(hashtextextended('autodoctor:archive', 0)) AS locked`;
    if (!lock?.locked) {
      throw new ArchiveInputError(
        'Another `pnpm archive` (or restore) is running on this database: try again once it has finished',
      );
    }
    try {
      return await work();
    } finally {
      await connection`SELECT pg_advisory_unlock(hashtextextended('autodoctor:archive', 0))`;
    }
  } finally {
    connection.release();
  }
}

const batchName = (index: number) => `batch-${String(index).padStart(6, '0')}`;

/**
 * Exports the next batch of candidates into `dir/<name>/` (one gzip CSV per table, one file per
 * photo) from one snapshot. Returns undefined when there is none left.
 */
async function exportBatch(
  db: Database,
  storage: PhotoStorage,
  options: ArchiveOptions,
  name: string,
): Promise<ArchiveBatch | undefined> {
  const sql = db.$client;
  const batchDir = path.join(options.outDir, name);
  await rm(batchDir, { recursive: true, force: true }); // a batch cut short by a stop is written again
  const exported = await sql.begin('isolation level repeatable read', async (tx) => {
    await tx.unsafe(
      'CREATE TEMP TABLE archive_batch (id uuid PRIMARY KEY, created_at timestamptz) ON COMMIT DROP',
    );
    const [inserted] = await tx.unsafe<{ count: number }[]>(
      `WITH picked AS (
         -- Oldest first, along idx_sessions_analytics_created: the scan stops at the batch's size.
         INSERT INTO archive_batch SELECT * FROM (${await candidateSql(tx)}) AS candidates
         ORDER BY created_at, id LIMIT $3
         RETURNING 1)
       SELECT count(*)::int AS count FROM picked`,
      [options.before.toISOString(), terminalStatuses(), options.batchSessions],
    );
    if (!inserted?.count) return undefined;
    await mkdir(batchDir, { recursive: true });
    const tables: Record<string, ArchivedFile> = {};
    for (const table of ARCHIVED_TABLES) {
      const file = path.join(name, `${table.name}.csv.gz`);
      const copy = await tx
        .unsafe(
          `COPY (SELECT * FROM ${quoteIdent(table.name)} WHERE ${table.rows} ORDER BY ${table.key.join(', ')})
           TO STDOUT (FORMAT csv, HEADER)`,
        )
        .readable();
      await copyToGzipFile(copy, path.join(options.outDir, file));
      tables[table.name] = { file, rows: await countRows(tx, table), sha256: '' };
    }
    const photos = await tx.unsafe<{ storage_key: string; thumbnail_key: string; content_type: string }[]>(
      `SELECT storage_key, thumbnail_key, content_type FROM room_photos WHERE ${inBatchPhotos} ORDER BY id`,
    );
    return {
      sessions: inserted.count,
      tables,
      photoKeys: photos.flatMap((p) => [p.storage_key, p.thumbnail_key]),
    };
  });
  if (!exported) return undefined;
  for (const entry of Object.values(exported.tables)) {
    entry.sha256 = await sha256OfFile(path.join(options.outDir, entry.file));
  }
  // The bytes are read after the snapshot's transaction: the storage may use the same pool.
  const batch: ArchiveBatch = {
    name,
    state: 'exported',
    sessions: exported.sessions,
    tables: exported.tables,
    photos: [],
    missingPhotos: [],
  };
  for (const key of exported.photoKeys) {
    const object = await storage.get(key);
    if (!object) {
      batch.missingPhotos.push(key);
      continue;
    }
    const file = path.join(name, 'photos', ...safeKeyParts(key));
    await mkdir(path.dirname(path.join(options.outDir, file)), { recursive: true });
    await writeFile(path.join(options.outDir, file), object.bytes);
    batch.photos.push({
      key,
      file,
      contentType: object.contentType,
      bytes: object.bytes.length,
      sha256: sha256Of(object.bytes),
    });
  }
  return batch;
}

/**
 * Writes a COPY's output to a gzip file. The COPY stream is read as it comes, never paused:
 * postgres.js pauses its socket when the stream's buffer is full and, when the COPY's end arrived
 * in the same network read, never resumes it, and the connection hangs (porsager/postgres#499,
 * seen here at 30,000 sessions). gzip buffers instead: a batch's table is a few MB.
 */
async function copyToGzipFile(copy: Readable, file: string): Promise<void> {
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(file));
  try {
    await new Promise<void>((resolve, reject) => {
      copy.on('data', (chunk: Buffer) => gzip.write(chunk));
      copy.once('end', resolve);
      copy.once('error', reject);
    });
  } finally {
    gzip.end();
  }
  await written;
}

const inBatchPhotos = ARCHIVED_TABLES.find((table) => table.name === 'room_photos')!.rows;

/** A storage key as path segments inside the archive: the API makes them, but a `..` stays out. */
function safeKeyParts(key: string): string[] {
  const parts = key.split('/');
  if (parts.some((part) => !/^[A-Za-z0-9._-]+$/.test(part) || part === '.' || part === '..')) {
    throw new Error(`Photo storage key ${JSON.stringify(key)} cannot be a file name in the archive`);
  }
  return parts;
}

/**
 * Loads each of the batch's files into a temporary table (`archived_<table>`, dropped at commit)
 * inside `tx` and checks its row count against the manifest.
 */
export async function loadBatchFiles(
  tx: postgres.TransactionSql,
  dir: string,
  batch: ArchiveBatch,
): Promise<Map<string, string[]>> {
  const columnsOf = new Map<string, string[]>();
  for (const table of ARCHIVED_TABLES) {
    const entry = batch.tables[table.name];
    if (!entry) throw new ArchiveVerificationError(`${batch.name} has no file for ${table.name}`);
    const file = path.join(dir, entry.file);
    const columns = await csvHeaderColumns(file);
    const temp = quoteIdent(`archived_${table.name}`);
    await tx.unsafe(`DROP TABLE IF EXISTS ${temp}`);
    await tx.unsafe(`CREATE TEMP TABLE ${temp} (LIKE ${quoteIdent(table.name)}) ON COMMIT DROP`);
    const columnList = columns.map(quoteIdent).join(', ');
    const copy = await tx.unsafe(`COPY ${temp} (${columnList}) FROM STDIN (FORMAT csv, HEADER)`).writable();
    try {
      await pipeline(createReadStream(file), createGunzip(), copy);
    } catch (error) {
      throw new ArchiveVerificationError(`${entry.file} could not be read back: ${(error as Error).message}`);
    }
    // Statistics for the anti-joins' plans (a temporary table has none, and autovacuum skips it).
    await tx.unsafe(`ANALYZE ${temp}`);
    const [loaded] = await tx.unsafe<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${temp}`);
    if (loaded?.count !== entry.rows) {
      throw new ArchiveVerificationError(
        `${entry.file} holds ${loaded?.count} rows, the manifest says ${entry.rows}`,
      );
    }
    columnsOf.set(table.name, columns);
  }
  return columnsOf;
}

const keyMatch = (table: ArchivedTable, left: string, right: string) =>
  table.key.map((column) => `${left}.${quoteIdent(column)} = ${right}.${quoteIdent(column)}`).join(' AND ');

/**
 * In one transaction: the batch's files loaded back and counted, then an anti-join — every row
 * about to be deleted is in the export — then the deletion, children first. Any mismatch throws and
 * rolls back: nothing deleted.
 */
async function verifyAndDelete(
  db: Database,
  dir: string,
  batch: ArchiveBatch,
): Promise<Record<string, number>> {
  await verifyArchiveFiles(dir, [batch]);
  return db.$client.begin(async (tx) => {
    // Lets sent quotes' lines go with their quote (migration 0016); locks wait 30 s at most.
    await tx.unsafe(`SET LOCAL autodoctor.archive = 'on'`);
    await tx.unsafe(`SET LOCAL lock_timeout = '30s'`);
    await loadBatchFiles(tx, dir, batch);
    await tx.unsafe('CREATE TEMP TABLE archive_batch ON COMMIT DROP AS SELECT id FROM archived_sessions');
    await tx.unsafe('SELECT 1 FROM sessions WHERE id IN (SELECT id FROM archive_batch) FOR UPDATE');
    for (const table of ARCHIVED_TABLES) {
      const [missing] = await tx.unsafe<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM ${quoteIdent(table.name)} AS live
         WHERE ${table.rows}
           AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(`archived_${table.name}`)} AS archived
                           WHERE ${keyMatch(table, 'archived', 'live')})`,
      );
      if (missing?.count) {
        throw new ArchiveVerificationError(
          `${missing.count} row(s) of ${table.name} of ${batch.name}'s sessions are not in its export (written since?): nothing was deleted`,
        );
      }
    }
    const deleted: Record<string, number> = {};
    for (const table of [...ARCHIVED_TABLES].reverse()) {
      const result = await tx.unsafe(`DELETE FROM ${quoteIdent(table.name)} WHERE ${table.rows}`);
      deleted[table.name] = result.count;
    }
    return deleted;
  });
}

/**
 * Archives every session `planArchive` lists, `batchSessions` at a time: export (one snapshot) →
 * manifest → verify and delete (one transaction) → manifest → the photos' bytes → manifest. A
 * run stopped anywhere (signal, kill, crash) is resumed by the next run with the same directory:
 * it finishes the batches the manifest lists as unfinished, then carries on.
 *
 * @throws {ArchiveInputError} the directory holds an archive of another date, or an unknown table references sessions
 * @throws {ArchiveVerificationError} a file does not match the manifest or the database: that batch is not deleted
 */
export async function archiveSessions(
  db: Database,
  storage: PhotoStorage,
  options: ArchiveOptions,
): Promise<ArchiveResult> {
  return withArchiveLock(db, () => archiveLocked(db, storage, options));
}

async function archiveLocked(
  db: Database,
  storage: PhotoStorage,
  options: ArchiveOptions,
): Promise<ArchiveResult> {
  await assertKnownSchema(db.$client);
  let manifest = await readManifest(options.outDir);
  if (manifest && manifest.before !== options.before.toISOString()) {
    throw new ArchiveInputError(
      `${options.outDir} holds the archive of sessions before ${manifest.before}: give another --out for ${options.before.toISOString()}`,
    );
  }
  const sessionsBefore = manifest?.batches.reduce((sum, batch) => sum + batch.sessions, 0) ?? 0;
  const result: ArchiveResult = {
    outcome: 'nothing',
    sessions: 0,
    sessionsBefore,
    rows: {},
    photos: 0,
    missingPhotos: [],
  };
  const plan = await planArchive(db, options.before);
  const unfinished = manifest?.batches.filter((batch) => batch.state !== 'done') ?? [];
  if (plan.sessions === 0 && unfinished.length === 0) return result;

  // The analytics' session rollup must cover the archived range before its sessions go.
  await refreshAnalyticsRollups(db);
  manifest ??= {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    schemaVersion: (await checkSchemaVersion(db)).applied,
    before: options.before.toISOString(),
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    tableOrder: ARCHIVED_TABLES.map((table) => table.name),
    batches: [],
  };
  await writeManifest(options.outDir, manifest);
  await removeUnlistedBatchDirs(options.outDir, manifest);

  // A batch exported but not deleted yet is still among the plan's rows.
  const progress = { rowsDone: 0, rowsTotal: plan.rows, sessionsDone: 0 };
  const report = (batch: ArchiveBatch, step: ArchiveProgress['step']) =>
    options.onProgress?.({ ...progress, batch: batch.name, step });
  const finish = async (batch: ArchiveBatch) => {
    if (batch.state === 'exported') {
      const deleted = await verifyAndDelete(db, options.outDir, batch);
      for (const [table, count] of Object.entries(deleted))
        result.rows[table] = (result.rows[table] ?? 0) + count;
      batch.state = 'deleted';
      await writeManifest(options.outDir, manifest);
      progress.rowsDone += Object.values(deleted).reduce((sum, count) => sum + count, 0);
      progress.sessionsDone += deleted.sessions ?? 0;
      result.sessions += deleted.sessions ?? 0;
      report(batch, 'deleted');
    }
    if (options.signal?.aborted) return;
    // Deleting a key the storage no longer has is not an error: this step may run twice.
    for (const photo of batch.photos) await storage.delete(photo.key);
    result.photos += batch.photos.length;
    result.missingPhotos.push(...batch.missingPhotos);
    batch.state = 'done';
    await writeManifest(options.outDir, manifest);
  };

  for (const batch of unfinished) {
    if (options.signal?.aborted) return { ...result, outcome: 'stopped' };
    await finish(batch);
  }
  while (!options.signal?.aborted) {
    const batch = await exportBatch(db, storage, options, batchName(manifest.batches.length + 1));
    if (!batch) break;
    manifest.batches.push(batch);
    await writeManifest(options.outDir, manifest);
    report(batch, 'exported');
    if (options.signal?.aborted) break;
    await finish(batch);
  }
  if (options.signal?.aborted) return { ...result, outcome: 'stopped' };
  return { ...result, outcome: 'archived' };
}

/** A `batch-…` directory the manifest does not list was being written when a run stopped. */
async function removeUnlistedBatchDirs(dir: string, manifest: ArchiveManifest): Promise<void> {
  const listed = new Set(manifest.batches.map((batch) => batch.name));
  for (const entry of await readdir(dir)) {
    if (/^batch-\d+$/.test(entry) && !listed.has(entry)) await rm(path.join(dir, entry), { recursive: true });
  }
}
