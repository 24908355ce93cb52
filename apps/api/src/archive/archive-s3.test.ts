import { users } from '@autodoctor/db';
import { sql } from '@autodoctor/db/orm';
import { useTestDatabase } from '@autodoctor/db/testing';
import {
  acceptAssignment,
  createSessionRecord,
  endSession,
  grantCredits,
  sendRoomMessage,
  startSession,
} from '@autodoctor/session-core';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { storePhoto } from '../photos/photos.ts';
import { processPhoto } from '../photos/process-photo.ts';
import { S3PhotoStorage } from '../photos/s3-photo-storage.ts';
import { phoneJpeg } from '../testing/images.ts';
import { useS3Server } from '../testing/s3-server.ts';
import { readManifest } from './archive-files.ts';

// PHOTO_STORAGE=s3: the photos' bytes leave the bucket for files and come back, through the CLI
// with the API's S3 settings.
const database = useTestDatabase({ max: 5 });
const s3 = useS3Server('archive-photos');

describe('pnpm archive with PHOTO_STORAGE=s3', () => {
  it('exports the bucket’s photos as files, deletes them from the bucket, and restores them', async () => {
    const { db } = database;
    const storage = S3PhotoStorage.fromConfig({
      S3_BUCKET: s3().bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: s3().endpoint,
      S3_FORCE_PATH_STYLE: 'on',
      S3_ACCESS_KEY_ID: s3().env.S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: s3().env.S3_SECRET_ACCESS_KEY,
    });
    const [customer] = await db
      .insert(users)
      .values({ name: 'Sam Driver', email: `sam-${randomUUID()}@example.test`, role: 'customer' })
      .returning();
    const [mechanic] = await db
      .insert(users)
      .values({ name: 'Mo Mechanic', email: `mo-${randomUUID()}@example.test`, role: 'mechanic' })
      .returning();
    await grantCredits(db, customer!.id, 1);
    const { session, assignment } = await createSessionRecord(db, {
      type: 'credit',
      customerUserId: customer!.id,
      vehicle: { year: 2015, make: 'Honda', model: 'Civic' },
      concern: 'Rattle at idle',
    });
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic!.id });
    await startSession(db, { sessionId: session.id, actorUserId: mechanic!.id });
    const photo = await storePhoto(
      { db, storage },
      { id: customer!.id, email: customer!.email, name: customer!.name, role: 'customer' },
      { kind: 'room', sessionId: session.id },
      await processPhoto(await phoneJpeg(320, 240)),
    );
    await sendRoomMessage(db, {
      sessionId: session.id,
      senderUserId: customer!.id,
      clientMessageId: randomUUID(),
      body: '',
      photoIds: [photo.id],
    });
    await endSession(db, { sessionId: session.id, actorUserId: mechanic!.id });
    await db.execute(sql`
      UPDATE sessions SET created_at = created_at - interval '30 months', accepted_at = accepted_at - interval '30 months',
                          started_at = started_at - interval '30 months', ended_at = ended_at - interval '30 months'`);
    const [keys] = await db.execute<{ full: string; thumbnail: string }>(
      sql`SELECT storage_key AS full, thumbnail_key AS thumbnail FROM room_photos WHERE id = ${photo.id}`,
    );
    const full = (await storage.get(keys!.full))!;
    const thumbnail = (await storage.get(keys!.thumbnail))!;
    const rowsBefore = await db.execute(sql`SELECT * FROM room_photos ORDER BY id`);

    const script = fileURLToPath(new URL('../cli/archive.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
    const run = (args: string[]) =>
      promisify(execFile)(tsx, ['--conditions=@autodoctor/source', script, ...args], {
        env: { ...process.env, DATABASE_URL: database.url, ...s3().env },
      });
    const dir = await mkdtemp(path.join(tmpdir(), 'archive-s3-'));
    try {
      const before = new Date(Date.now() - 25 * 31 * 86_400_000).toISOString().slice(0, 10);
      const archived = await run(['--before', before, '--out', dir]);
      expect(archived.stdout).toContain('Archived 1 sessions');
      expect(archived.stdout).toContain('2 photo files');
      expect(await storage.get(keys!.full)).toBeUndefined();
      expect(await storage.get(keys!.thumbnail)).toBeUndefined();
      const manifest = (await readManifest(dir))!;
      const files = manifest.batches.flatMap((batch) => batch.photos);
      expect(files.map((file) => [file.key, file.contentType]).sort()).toEqual(
        [
          [keys!.full, full.contentType],
          [keys!.thumbnail, thumbnail.contentType],
        ].sort(),
      );
      expect(await readFile(path.join(dir, files.find((file) => file.key === keys!.full)!.file))).toEqual(
        full.bytes,
      );

      const restored = await run(['--restore', dir]);
      expect(restored.stdout).toContain('photos: 2 restored, 0 already there');
      expect(await storage.get(keys!.full)).toEqual(full);
      expect(await storage.get(keys!.thumbnail)).toEqual(thumbnail);
      expect(await db.execute(sql`SELECT * FROM room_photos ORDER BY id`)).toEqual(rowsBefore);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
