import { ANALYTICS_PANELS } from '@autodoctor/analytics';
import { users, type Database } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { useTestDatabase } from '@autodoctor/db/testing';
import {
  acceptAssignment,
  cancelSession,
  createSessionRecord,
  decideQuote,
  earningsInvariantViolations,
  endSession,
  expireOrphanedSessions,
  grantCredits,
  markRoomRead,
  NO_EARNINGS_VIOLATIONS,
  rateSession,
  saveQuoteDraft,
  sendQuote,
  sendRoomMessage,
  startSession,
} from '@autodoctor/session-core';
import { SESSION_EVENT_TYPES } from '@autodoctor/session-core/rules';
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runArchiveCommand } from '../cli/archive-command.ts';
import { storePhoto } from '../photos/photos.ts';
import { PostgresPhotoStorage } from '../photos/postgres-photo-storage.ts';
import { processPhoto } from '../photos/process-photo.ts';
import { phoneJpeg } from '../testing/images.ts';
import { ArchiveVerificationError, readManifest, writeManifest } from './archive-files.ts';
import { ARCHIVED_TABLES, KEPT_TABLES } from './archive-tables.ts';
import { archiveSessions, ArchiveInputError, parseBefore, planArchive } from './archive.ts';
import { formatProgress } from './progress.ts';
import { restoreArchive } from './restore.ts';

const database = useTestDatabase({ max: 5 });
const NOW = new Date();
/** Every archivable session of the world is 30 months old; the retention period is 24. */
const BEFORE = parseBefore(
  new Date(Date.UTC(NOW.getUTCFullYear() - 2, NOW.getUTCMonth() - 3, 1)).toISOString().slice(0, 10),
  NOW,
  24,
);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'archive-test-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});
const outDir = (name: string) => path.join(scratch, name);

async function user(db: Database, role: 'customer' | 'mechanic') {
  const tag = randomUUID().slice(0, 8);
  const [row] = await db
    .insert(users)
    .values({ name: `${role} ${tag}`, email: `${role}-${tag}@example.test`, role })
    .returning();
  return row!;
}

/** A uuid[] parameter (Drizzle would spread a JS array into a row). */
const uuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

const vehicle = { vehicle: { year: 2017, make: 'Toyota', model: 'Corolla' }, concern: 'Squeal when braking' };

interface World {
  archivable: string[];
  kept: Record<string, string>;
}

/**
 * Sessions of every kind through session-core's own paths and the API's photo upload, with a
 * webhook endpoint receiving every event; the archivable ones then made 30 months old.
 */
async function buildWorld(db: Database, storage: PostgresPhotoStorage): Promise<World> {
  await db.execute(sql`
    INSERT INTO webhook_endpoints (url, event_types, secret)
    VALUES ('https://hooks.example.test/autodoctor', ${`{${SESSION_EVENT_TYPES.join(',')}}`}::session_event_type[], 'whsec_archive_test')`);
  const mechanic = await user(db, 'mechanic');

  // Ended credit session: room messages, a photo, a read mark, a quote sent and decided, a
  // summary, a rating, a referral fee and the credit ledger's debit.
  const full = await user(db, 'customer');
  await grantCredits(db, full.id, 2);
  const ended = await createSessionRecord(db, { type: 'credit', customerUserId: full.id, ...vehicle });
  await acceptAssignment(db, { assignmentId: ended.assignment.id, mechanicUserId: mechanic.id });
  await startSession(db, { sessionId: ended.session.id, actorUserId: mechanic.id });
  const photo = await storePhoto(
    { db, storage },
    { id: full.id, email: full.email, name: full.name, role: 'customer' },
    { kind: 'room', sessionId: ended.session.id },
    await processPhoto(await phoneJpeg(320, 240)),
  );
  const message = await sendRoomMessage(db, {
    sessionId: ended.session.id,
    senderUserId: full.id,
    clientMessageId: randomUUID(),
    body: 'Here is the wheel',
    photoIds: [photo.id],
  });
  await sendRoomMessage(db, {
    sessionId: ended.session.id,
    senderUserId: mechanic.id,
    clientMessageId: randomUUID(),
    body: 'Pads are worn',
  });
  await markRoomRead(db, { sessionId: ended.session.id, readerUserId: mechanic.id, upToEntryId: message.id });
  const draft = await saveQuoteDraft(db, {
    mechanicUserId: mechanic.id,
    sessionId: ended.session.id,
    quote: {
      taxRateBps: 825,
      workshopName: 'Main Street Garage',
      workshopAddress: '1 Main Street, Springfield',
      note: '',
      lines: [
        { kind: 'labour', description: 'Replace front pads', quantityMilli: 1500, unitPriceCents: 9_500 },
        { kind: 'part', description: 'Front brake pads', quantityMilli: 2000, unitPriceCents: 4_550 },
      ],
    },
  });
  const sent = await sendQuote(db, { mechanicUserId: mechanic.id, quoteId: draft.id });
  await decideQuote(db, {
    customerUserId: full.id,
    quoteId: sent.id,
    decisions: sent.lines.map((line, index) => ({ lineId: line.id, approved: index === 0 })),
    signatureName: 'Pat Customer',
  });
  await endSession(db, {
    sessionId: ended.session.id,
    actorUserId: mechanic.id,
    summary: { found: 'Worn pads', nextSteps: 'Replace them', workshopVisitNeeded: true },
  });
  await rateSession(db, { customerUserId: full.id, sessionId: ended.session.id, stars: 5, comment: 'Clear' });

  // A paid session cancelled before any accept: its card refund owed, then settled.
  const payer = await user(db, 'customer');
  const paid = await createSessionRecord(db, {
    type: 'paid',
    customerUserId: payer.id,
    ...vehicle,
    payment: { stripeCheckoutSessionId: `cs_test_${randomUUID()}` },
  });
  await cancelSession(db, { sessionId: paid.session.id, actorUserId: payer.id });
  await db.execute(sql`
    UPDATE stripe_refunds SET refunded_at = now(), stripe_refund_id = ${`re_${randomUUID()}`}
    WHERE session_id = ${paid.session.id}`);

  // A free session nobody accepted, expired (it does not count as the customer's free session).
  const waiter = await user(db, 'customer');
  const expired = await createSessionRecord(db, { type: 'free', customerUserId: waiter.id, ...vehicle });
  await db.execute(
    sql`UPDATE sessions SET created_at = now() - interval '3 hours' WHERE id = ${expired.session.id}`,
  );
  await expireOrphanedSessions(db);

  // Kept: a counted free session (the one-free-session rule's proof), a young ended session, an
  // old session still pending, and a cancelled paid one whose refund is not settled.
  const freeRider = await user(db, 'customer');
  const countedFree = await createSessionRecord(db, {
    type: 'free',
    customerUserId: freeRider.id,
    ...vehicle,
  });
  await acceptAssignment(db, { assignmentId: countedFree.assignment.id, mechanicUserId: mechanic.id });
  await startSession(db, { sessionId: countedFree.session.id, actorUserId: mechanic.id });
  await endSession(db, { sessionId: countedFree.session.id, actorUserId: mechanic.id });
  const recent = await user(db, 'customer');
  await grantCredits(db, recent.id, 1);
  const young = await createSessionRecord(db, { type: 'credit', customerUserId: recent.id, ...vehicle });
  await acceptAssignment(db, { assignmentId: young.assignment.id, mechanicUserId: mechanic.id });
  await startSession(db, { sessionId: young.session.id, actorUserId: mechanic.id });
  await endSession(db, { sessionId: young.session.id, actorUserId: mechanic.id });
  const stillWaiting = await user(db, 'customer');
  const pending = await createSessionRecord(db, {
    type: 'free',
    customerUserId: stillWaiting.id,
    ...vehicle,
  });
  const unrefunded = await user(db, 'customer');
  const owed = await createSessionRecord(db, {
    type: 'paid',
    customerUserId: unrefunded.id,
    ...vehicle,
    payment: { stripeCheckoutSessionId: `cs_test_${randomUUID()}` },
  });
  await cancelSession(db, { sessionId: owed.session.id, actorUserId: unrefunded.id });

  // Every delivery made and logged (a pending one would keep its session).
  await db.execute(sql`
    UPDATE webhook_deliveries SET status = 'delivered', attempts = 1, delivered_at = now(), last_status_code = 200`);
  await db.execute(sql`
    INSERT INTO webhook_attempts (delivery_id, attempt, status_code, duration_ms) SELECT id, 1, 200, 12 FROM webhook_deliveries`);

  const archivable = [ended.session.id, paid.session.id, expired.session.id];
  const old = [...archivable, countedFree.session.id, pending.session.id, owed.session.id];
  await db.execute(sql`
    UPDATE sessions SET created_at = created_at - interval '30 months', accepted_at = accepted_at - interval '30 months',
                        started_at = started_at - interval '30 months', ended_at = ended_at - interval '30 months'
    WHERE id = ANY(${uuids(old)})`);
  return {
    archivable,
    kept: {
      countedFree: countedFree.session.id,
      young: young.session.id,
      pending: pending.session.id,
      owed: owed.session.id,
    },
  };
}

const DUMPED_TABLES = [...ARCHIVED_TABLES.map((table) => table.name), ...Object.keys(KEPT_TABLES)];

/** Every row of every table the archive touches or keeps, ordered: what must come back as it was. */
async function dump(db: Database): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  for (const name of DUMPED_TABLES) {
    const [row] = await db.execute<{ rows: string }>(
      sql.raw(
        `SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text), '[]')::text AS rows FROM ${name} AS t`,
      ),
    );
    tables[name] = row!.rows;
  }
  const [blobs] = await db.execute<{ rows: string }>(sql`
    SELECT coalesce(jsonb_agg(jsonb_build_object('key', key, 'type', content_type, 'sha256', encode(sha256(data), 'hex'))
                              ORDER BY key), '[]')::text AS rows
    FROM photo_blobs`);
  tables.photo_blobs = blobs!.rows;
  return tables;
}

const countSessions = async (db: Database, ids: string[]) => {
  const [row] = await db.execute<{ count: number }>(
    sql`SELECT count(*)::int AS count FROM sessions WHERE id = ANY(${uuids(ids)})`,
  );
  return row!.count;
};

/** Every range panel: its figures over an archived range must not change (the rollups cover them). */
async function rolledUpPanels(db: Database) {
  const from = new Date(Date.UTC(NOW.getUTCFullYear() - 2, NOW.getUTCMonth() - 8, 1));
  const input = {
    from,
    to: new Date(from.getTime() + 300 * 86_400_000),
    timeZone: 'UTC',
    bucket: 'day' as const,
  };
  const figures: Record<string, unknown> = {};
  // The `_now` panels read no range; every other one must keep its figures.
  for (const panel of ANALYTICS_PANELS.filter((candidate) => !candidate.id.endsWith('_now')))
    figures[panel.id] = await panel.run(db, input);
  expect(Object.keys(figures)).toHaveLength(10);
  return figures;
}

describe('pnpm archive', () => {
  let world: World;
  let original: Record<string, string>;
  let storage: PostgresPhotoStorage;

  beforeAll(async () => {
    storage = new PostgresPhotoStorage(database.db);
    world = await buildWorld(database.db, storage);
    original = await dump(database.db);
  });

  it('refuses a missing or invalid date, and one within the retention period', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(() => parseBefore(undefined, now, 24)).toThrow(/--before DATE is required/);
    expect(() => parseBefore('2024-02-30', now, 24)).toThrow(/is not a date/);
    expect(() => parseBefore('yesterday', now, 24)).toThrow(ArchiveInputError);
    expect(() => parseBefore('2024-12-08', now, 24)).toThrow(
      /within the retention period.*latest allowed is 2024-12-07T12:00:00.000Z/,
    );
    expect(parseBefore('2024-12-07', now, 24).toISOString()).toBe('2024-12-07T00:00:00.000Z');
    expect(parseBefore('2024-12-07T13:00:00+02:00', now, 24).toISOString()).toBe('2024-12-07T11:00:00.000Z');
  });

  it('the command refuses a date within the retention period before touching anything', async () => {
    const dir = outDir('refused');
    await expect(
      runArchiveCommand(database.db, storage, ['--before', NOW.toISOString().slice(0, 10), '--out', dir], {
        retentionMonths: 24,
        batchSessions: 10,
      }),
    ).rejects.toThrow(/within the retention period/);
    expect(existsSync(dir)).toBe(false);
    expect(await dump(database.db)).toEqual(original);
  });

  it('--dry-run counts what would be archived per table, and changes and writes nothing', async () => {
    const dir = outDir('dry');
    const { output } = await runArchiveCommand(
      database.db,
      storage,
      ['--before', BEFORE.toISOString(), '--out', dir, '--dry-run'],
      { retentionMonths: 24, batchSessions: 10 },
    );
    const plan = await planArchive(database.db, BEFORE);
    expect(plan.sessions).toBe(3);
    expect(plan.photos).toBe(2);
    expect(plan.tables).toMatchObject({
      quotes: 1,
      quote_lines: 2,
      quote_decisions: 1,
      session_ratings: 1,
      room_photos: 1,
    });
    expect(output).toContain('would archive 3 sessions');
    expect(output).toContain(`  quote_lines: 2`);
    expect(existsSync(dir)).toBe(false);
    expect(await dump(database.db)).toEqual(original);
  });

  it('round trip: export, verify, delete; a second run does nothing; restore gives back identical rows', async () => {
    const { db } = database;
    const panelsBefore = await rolledUpPanels(db);
    const dir = outDir('round-trip');
    const progress: string[] = [];
    const result = await archiveSessions(db, storage, {
      before: BEFORE,
      outDir: dir,
      batchSessions: 2,
      onProgress: (report) => progress.push(formatProgress(report, 1000)),
    });
    expect(result).toMatchObject({ outcome: 'archived', sessions: 3, photos: 2, missingPhotos: [] });
    expect(progress.at(-1)).toMatch(/^archive: (\d+) of \1 rows \(100%\)/);

    // Gone: the archived sessions and everything hanging off them, their photos' bytes.
    expect(await countSessions(db, world.archivable)).toBe(0);
    for (const table of ARCHIVED_TABLES) {
      const [row] = await db.execute<{ count: number }>(
        sql.raw(
          `SELECT count(*)::int AS count FROM ${table.name} WHERE ${table.rows.replaceAll('archive_batch', `(VALUES ${world.archivable.map((id) => `('${id}'::uuid)`).join(', ')}) AS archive_batch (id)`)}`,
        ),
      );
      expect(row!.count, table.name).toBe(0);
    }
    expect((await dump(db)).photo_blobs).toBe('[]');
    // Kept: young, active, the counted free session, the unsettled refund's; the books whole.
    expect(await countSessions(db, Object.values(world.kept))).toBe(4);
    const after = await dump(db);
    for (const table of Object.keys(KEPT_TABLES)) expect(after[table], table).toBe(original[table]);
    // The earnings' rules hold with lines whose session and quote are archived.
    expect(await earningsInvariantViolations(db)).toEqual(NO_EARNINGS_VIOLATIONS);
    expect(JSON.parse(after.mechanic_earnings!)).toContainEqual(
      expect.objectContaining({ kind: 'quote_bonus' }),
    );
    // Every range panel gives the same figures over the archived range.
    expect(await rolledUpPanels(db)).toEqual(panelsBefore);

    const manifest = (await readManifest(dir))!;
    expect(manifest.batches.map((batch) => [batch.name, batch.state, batch.sessions])).toEqual([
      ['batch-000001', 'done', 2],
      ['batch-000002', 'done', 1],
    ]);
    expect(manifest.batches.flatMap((batch) => batch.photos.map((photo) => photo.key)).sort()).toHaveLength(
      2,
    );

    // Again with the same date: nothing to do, nothing written.
    const manifestText = await readFile(path.join(dir, 'manifest.json'), 'utf8');
    const again = await runArchiveCommand(db, storage, ['--before', BEFORE.toISOString(), '--out', dir], {
      retentionMonths: 24,
      batchSessions: 2,
    });
    expect(again.output).toMatch(/Nothing more to archive .*: its 3 sessions are in/);
    expect(await readFile(path.join(dir, 'manifest.json'), 'utf8')).toBe(manifestText);
    expect(await dump(db)).toEqual(after);

    const restored = await restoreArchive(db, storage, dir);
    expect(restored).toMatchObject({ batches: 2, photosWritten: 2, photosPresent: 0 });
    expect(await dump(db)).toEqual(original);
    // Twice: nothing written twice.
    const twice = await restoreArchive(db, storage, dir);
    expect(Object.values(twice.inserted).every((count) => count === 0)).toBe(true);
    expect(twice.present.sessions).toBe(3);
    expect(twice.photosPresent).toBe(2);
    expect(await dump(db)).toEqual(original);
  });

  it('a file changed after the export fails verification: nothing deleted; fixed, the run resumes', async () => {
    const { db } = database;
    const dir = outDir('corrupt');
    const stop = new AbortController();
    const first = await archiveSessions(db, storage, {
      before: BEFORE,
      outDir: dir,
      batchSessions: 10,
      signal: stop.signal,
      onProgress: (report) => report.step === 'exported' && stop.abort(),
    });
    expect(first.outcome).toBe('stopped');
    const manifest = (await readManifest(dir))!;
    expect(manifest.batches.map((batch) => batch.state)).toEqual(['exported']);

    const file = path.join(dir, manifest.batches[0]!.tables.session_events!.file);
    const bytes = await readFile(file);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(file, flipped);
    await expect(
      archiveSessions(db, storage, { before: BEFORE, outDir: dir, batchSessions: 10 }),
    ).rejects.toThrow(ArchiveVerificationError);
    await expect(
      archiveSessions(db, storage, { before: BEFORE, outDir: dir, batchSessions: 10 }),
    ).rejects.toThrow(/session_events\.csv\.gz has SHA-256 .* the manifest says/);
    expect(await dump(db)).toEqual(original);
    await expect(restoreArchive(db, storage, dir)).rejects.toThrow(ArchiveVerificationError);

    // A manifest whose count does not match its (intact) file is refused as well.
    await writeFile(file, bytes);
    const lying = structuredClone(manifest);
    lying.batches[0]!.tables.session_events!.rows += 1;
    await writeManifest(dir, lying);
    await expect(
      archiveSessions(db, storage, { before: BEFORE, outDir: dir, batchSessions: 10 }),
    ).rejects.toThrow(/holds \d+ rows, the manifest says/);
    expect(await dump(db)).toEqual(original);

    await writeManifest(dir, manifest);
    const resumed = await archiveSessions(db, storage, { before: BEFORE, outDir: dir, batchSessions: 10 });
    expect(resumed).toMatchObject({ outcome: 'archived', sessions: 3 });
    expect(await countSessions(db, world.archivable)).toBe(0);
    await restoreArchive(db, storage, dir);
    expect(await dump(db)).toEqual(original);
  });

  it('a row written after the export is not deleted unexported: the anti-join refuses the batch', async () => {
    const { db } = database;
    const dir = outDir('late-row');
    const stop = new AbortController();
    await archiveSessions(db, storage, {
      before: BEFORE,
      outDir: dir,
      batchSessions: 10,
      signal: stop.signal,
      onProgress: (report) => report.step === 'exported' && stop.abort(),
    });
    const [event] = await db.execute<{ id: number }>(sql`
      INSERT INTO session_events (session_id, type, payload) VALUES (${world.archivable[0]}, 'cancelled', '{"late": true}')
      RETURNING id`);
    await expect(
      archiveSessions(db, storage, { before: BEFORE, outDir: dir, batchSessions: 10 }),
    ).rejects.toThrow(/1 row\(s\) of session_events .* are not in its export/);
    expect(await countSessions(db, world.archivable)).toBe(3);
    await db.execute(sql`DELETE FROM webhook_deliveries WHERE event_id = ${event!.id}`);
    await db.execute(sql`DELETE FROM session_events WHERE id = ${event!.id}`);
    expect(await dump(db)).toEqual(original);
  });

  it('stopped mid-way (and killed between steps), the next run finishes without loss or duplicates', async () => {
    const { db } = database;
    const dir = outDir('resume');
    const stop = new AbortController();
    let deletedBatches = 0;
    const first = await archiveSessions(db, storage, {
      before: BEFORE,
      outDir: dir,
      batchSessions: 1,
      signal: stop.signal,
      onProgress: (report) => report.step === 'deleted' && ++deletedBatches === 1 && stop.abort(),
    });
    expect(first).toMatchObject({ outcome: 'stopped', sessions: 1 });
    expect(await countSessions(db, world.archivable)).toBe(2);
    // As if killed: after the deletion committed but before the manifest said so, and while
    // writing the next batch's files.
    const manifest = (await readManifest(dir))!;
    manifest.batches[0]!.state = 'exported';
    await writeManifest(dir, manifest);
    await writeFile(path.join(dir, 'manifest.json.tmp'), '{"half": ');
    await mkdir(path.join(dir, 'batch-000002'), { recursive: true });
    await writeFile(path.join(dir, 'batch-000002', 'sessions.csv.gz'), 'partial');

    const resumed = await archiveSessions(db, storage, { before: BEFORE, outDir: dir, batchSessions: 1 });
    expect(resumed).toMatchObject({ outcome: 'archived', sessions: 2, sessionsBefore: 1 });
    expect(await countSessions(db, world.archivable)).toBe(0);
    const finished = (await readManifest(dir))!;
    expect(finished.batches.map((batch) => [batch.name, batch.state, batch.sessions])).toEqual([
      ['batch-000001', 'done', 1],
      ['batch-000002', 'done', 1],
      ['batch-000003', 'done', 1],
    ]);
    // The half-written manifest was replaced, the half-written batch written again whole.
    expect((await readdir(dir)).sort()).toEqual([
      'batch-000001',
      'batch-000002',
      'batch-000003',
      'manifest.json',
    ]);

    await restoreArchive(db, storage, dir);
    expect(await dump(db)).toEqual(original);
  });

  it('runs as a command: progress lines on stderr, what it did on stdout, refusals with a non-zero exit', async () => {
    const { db } = database;
    const script = fileURLToPath(new URL('../cli/archive.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
    const run = (args: string[]) =>
      promisify(execFile)(tsx, ['--conditions=@autodoctor/source', script, ...args], {
        env: { ...process.env, DATABASE_URL: database.url, ARCHIVE_BATCH_SESSIONS: '2' },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    const dir = outDir('command');

    const tooRecent = await run(['--before', NOW.toISOString().slice(0, 10), '--out', dir]);
    expect(tooRecent.code).toBe(2);
    expect(tooRecent.stderr).toContain('is within the retention period (ARCHIVE_RETENTION_MONTHS=24)');
    const archived = await run(['--before', BEFORE.toISOString().slice(0, 10), '--out', dir]);
    expect(archived.stdout).toContain(`Archived 3 sessions before ${BEFORE.toISOString()} into ${dir}`);
    expect(archived.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^archive: 0 of (\d+) rows \(0%\), .* \(batch-000001 exported\)$/),
      expect.stringMatching(/^archive: \d+ of \d+ rows .* \(batch-000001 deleted\)$/),
      expect.stringMatching(/\(batch-000002 exported\)$/),
      expect.stringMatching(/^archive: (\d+) of \1 rows \(100%\), .* \(batch-000002 deleted\)$/),
    ]);
    expect(archived.code).toBe(0);
    expect(await countSessions(db, world.archivable)).toBe(0);
    const restored = await run(['--restore', dir]);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain('  sessions: 3 restored, 0 already there');
    expect(await dump(db)).toEqual(original);
  });

  it('one run at a time: a second archive or restore meanwhile is refused', async () => {
    const { db } = database;
    const other = await db.$client.reserve();
    try {
      await other`SELECT pg_advisory_lock(hashtextextended('autodoctor:archive', 0))`;
      await expect(
        archiveSessions(db, storage, { before: BEFORE, outDir: outDir('locked'), batchSessions: 10 }),
      ).rejects.toThrow(/Another `pnpm archive` \(or restore\) is running/);
      await expect(restoreArchive(db, storage, outDir('round-trip'))).rejects.toThrow(ArchiveInputError);
      expect(existsSync(outDir('locked'))).toBe(false);
    } finally {
      await other`SELECT pg_advisory_unlock(hashtextextended('autodoctor:archive', 0))`;
      other.release();
    }
    expect(await dump(db)).toEqual(original);
  });

  it('refuses to run when a table it does not know references sessions', async () => {
    const { db } = database;
    await db.execute(sql`CREATE TABLE session_notes (session_id uuid REFERENCES sessions (id), note text)`);
    try {
      await expect(planArchive(db, BEFORE)).rejects.toThrow(/session_notes references archived rows/);
      await expect(
        archiveSessions(db, storage, { before: BEFORE, outDir: outDir('unknown'), batchSessions: 10 }),
      ).rejects.toThrow(ArchiveInputError);
      expect(existsSync(outDir('unknown'))).toBe(false);
    } finally {
      await db.execute(sql`DROP TABLE session_notes`);
    }
  });
});
