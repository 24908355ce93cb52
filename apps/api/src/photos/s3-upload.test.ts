import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { photoBlobs, roomPhotos, sessionAssignments } from '@autodoctor/db';
import { count, eq } from '@autodoctor/db/orm';
import type { PhotoRef } from '@autodoctor/session-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/accounts.ts';
import { intake } from '../testing/fixtures.ts';
import { phoneJpeg } from '../testing/images.ts';
import { useS3Server } from '../testing/s3-server.ts';
import { useTestApi } from '../testing/test-api.ts';

// The API with PHOTO_STORAGE=s3, against a real S3 protocol server (s3rver) on 127.0.0.1.
const s3 = useS3Server('autodoctor-photos');
const t = useTestApi(() => s3().env);
const db = () => t.database.db;

const upload = (user: TestUser, body: Buffer | Blob) =>
  fetch(`${t.api.url}/api/photos?for=intake`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg', cookie: user.cookie },
    body,
  });

const get = (user: TestUser, path: string, headers: Record<string, string> = {}) =>
  fetch(`${t.api.url}${path}`, { headers: { cookie: user.cookie, ...headers } });

/** The bucket's object under `key` (undefined when there is none). */
async function objectAt(key: string) {
  try {
    const object = await s3().client.send(new GetObjectCommand({ Bucket: s3().bucket, Key: key }));
    return { bytes: Buffer.from(await object.Body!.transformToByteArray()), contentType: object.ContentType };
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

async function keysInBucket(): Promise<string[]> {
  const listed = await s3().client.send(new ListObjectsV2Command({ Bucket: s3().bucket }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

async function blobRows(): Promise<number> {
  const [row] = await db().select({ n: count() }).from(photoBlobs);
  return row!.n;
}

describe('photos with PHOTO_STORAGE=s3', () => {
  it('stores an upload in the bucket (none of it in photo_blobs) and serves the photo and thumbnail from there', async () => {
    const customer = await t.customer();
    const response = await upload(customer, await phoneJpeg(1200, 900));
    expect(response.status, await response.clone().text()).toBe(201);
    const photo = (await response.json()) as PhotoRef;
    const [row] = await db().select().from(roomPhotos).where(eq(roomPhotos.id, photo.id));
    expect(row).toMatchObject({
      storageKey: `photos/${photo.id}/full`,
      thumbnailKey: `photos/${photo.id}/thumbnail`,
    });

    // In the bucket, with their types; nothing in PostgreSQL's photo_blobs.
    expect(await keysInBucket()).toEqual([row!.storageKey, row!.thumbnailKey]);
    const full = await objectAt(row!.storageKey);
    const thumbnail = await objectAt(row!.thumbnailKey);
    expect(full?.contentType).toBe('image/jpeg');
    expect(thumbnail?.contentType).toBe('image/webp');
    expect(await blobRows()).toBe(0);

    // Served: the bucket's bytes, with the type stored with them.
    const servedThumbnail = await get(customer, photo.thumbnailUrl);
    expect(servedThumbnail.status).toBe(200);
    expect(servedThumbnail.headers.get('content-type')).toBe('image/webp');
    const thumbnailBytes = Buffer.from(await servedThumbnail.arrayBuffer());
    expect(thumbnailBytes.equals(thumbnail!.bytes)).toBe(true);
    expect((await sharp(thumbnailBytes).metadata()).format).toBe('webp');

    const servedFull = await get(customer, photo.url);
    expect(servedFull.status).toBe(200);
    expect(servedFull.headers.get('content-type')).toBe('image/jpeg');
    const fullBytes = Buffer.from(await servedFull.arrayBuffer());
    expect(fullBytes.equals(full!.bytes)).toBe(true);
    expect(await sharp(fullBytes).metadata()).toMatchObject({ format: 'jpeg', width: 900, height: 1200 });
    expect((await sharp(fullBytes).metadata()).exif).toBeUndefined();

    // Removed: the row and both objects.
    const removed = await fetch(`${t.api.url}/api/photos/${photo.id}`, {
      method: 'DELETE',
      headers: { cookie: customer.cookie },
    });
    expect(removed.status).toBe(204);
    expect(await objectAt(row!.storageKey)).toBeUndefined();
    expect(await objectAt(row!.thumbnailKey)).toBeUndefined();
    expect((await get(customer, photo.thumbnailUrl)).status).toBe(404);
  });

  it('puts nothing in the bucket for a refused upload', async () => {
    const customer = await t.customer();
    const before = await keysInBucket();
    const response = await upload(customer, new Blob(['not a photo at all\n']));
    expect(response.status).toBe(415);
    expect(await keysInBucket()).toEqual(before);
    expect(await blobRows()).toBe(0);
  });

  it('shows an intake photo to the mechanic who accepts the session, from the bucket', async () => {
    const customer = await t.customer();
    const mechanic = await t.mechanic();
    const response = await upload(customer, await phoneJpeg(640, 480));
    expect(response.status).toBe(201);
    const photo = (await response.json()) as PhotoRef;
    const started = await customer.client.intake.startSession.mutate(intake({ photoIds: [photo.id] }));
    if (started.kind !== 'session') throw new Error('expected a session');
    const [assignment] = await db()
      .select({ id: sessionAssignments.id })
      .from(sessionAssignments)
      .where(eq(sessionAssignments.sessionId, started.session.id));
    await mechanic.client.mechanic.accept.mutate({ assignmentId: assignment!.id });

    const served = await get(mechanic, photo.thumbnailUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    const stored = await objectAt(`photos/${photo.id}/thumbnail`);
    expect(Buffer.from(await served.arrayBuffer()).equals(stored!.bytes)).toBe(true);
    expect(await blobRows()).toBe(0);
  });
});
