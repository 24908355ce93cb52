import { photoBlobs, roomEntries, roomPhotos, sessionAssignments, sessions } from '@autodoctor/db';
import { count, eq, sql } from '@autodoctor/db/orm';
import type { PhotoRef } from '@autodoctor/session-core';
import { ROOM_LIMITS } from '@autodoctor/session-core/rules';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/accounts.ts';
import { expectTRPCError } from '../testing/expect-trpc-error.ts';
import { summary, intake } from '../testing/fixtures.ts';
import { exifHasGps, phoneJpeg, smallImage } from '../testing/images.ts';
import { useTestApi } from '../testing/test-api.ts';

const t = useTestApi();
const db = () => t.database.db;

type Target = { sessionId: string } | 'intake';

function upload(
  user: TestUser | undefined,
  target: Target,
  body: Buffer | Blob | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) {
  const query = target === 'intake' ? 'for=intake' : `sessionId=${target.sessionId}`;
  return fetch(`${t.api.url}/api/photos?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'image/jpeg', ...(user ? { cookie: user.cookie } : {}), ...headers },
    body,
    // A stream body is sent chunked (no Content-Length).
    duplex: 'half',
  });
}

async function uploaded(user: TestUser, target: Target, body?: Buffer): Promise<PhotoRef> {
  const response = await upload(user, target, body ?? (await smallImage('png')));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as PhotoRef;
}

const get = (user: TestUser | undefined, path: string, headers: Record<string, string> = {}) =>
  fetch(`${t.api.url}${path}`, { headers: { ...(user ? { cookie: user.cookie } : {}), ...headers } });

const remove = (user: TestUser, photoId: string) =>
  fetch(`${t.api.url}/api/photos/${photoId}`, { method: 'DELETE', headers: { cookie: user.cookie } });

/** What is stored of photos: rows and blobs (a refused upload must change neither). */
async function stored() {
  const [photos] = await db().select({ n: count() }).from(roomPhotos);
  const [blobs] = await db().select({ n: count() }).from(photoBlobs);
  return { photos: photos!.n, blobs: blobs!.n };
}

/** A session of a new customer accepted by a new mechanic: its room is open (waiting). */
async function openRoom() {
  const customer = await t.customer();
  const mechanic = await t.mechanic();
  const started = await customer.client.intake.startSession.mutate(intake());
  if (started.kind !== 'session') throw new Error('expected a session');
  const sessionId = started.session.id;
  const [assignment] = await db()
    .select({ id: sessionAssignments.id })
    .from(sessionAssignments)
    .where(eq(sessionAssignments.sessionId, sessionId));
  await mechanic.client.mechanic.accept.mutate({ assignmentId: assignment!.id });
  return { customer, mechanic, sessionId };
}

/** Marks a photo sent, as `room.send` does (a message entry carrying it). */
async function markSent(photoId: string, sessionId: string, author: TestUser, role: 'customer' | 'mechanic') {
  const [entry] = await db()
    .insert(roomEntries)
    .values({
      sessionId,
      kind: 'message',
      authorUserId: author.userId,
      authorRole: role,
      clientMessageId: randomUUID(),
      body: '',
    })
    .returning({ id: roomEntries.id });
  await db().update(roomPhotos).set({ entryId: entry!.id }).where(eq(roomPhotos.id, photoId));
}

describe('POST /api/photos', () => {
  it('stores a phone photo upright without its metadata (GPS included), and its thumbnail, for the room', async () => {
    const { customer, sessionId } = await openRoom();
    const original = await phoneJpeg(1200, 900);
    expect(exifHasGps((await sharp(original).metadata()).exif)).toBe(true);

    const response = await upload(customer, { sessionId }, original, {
      'content-type': 'application/octet-stream',
    });
    expect(response.status).toBe(201);
    const photo = (await response.json()) as PhotoRef;
    expect(photo).toEqual({
      id: photo.id,
      width: 900,
      height: 1200,
      url: `/api/photos/${photo.id}`,
      thumbnailUrl: `/api/photos/${photo.id}/thumbnail`,
    });
    const [row] = await db().select().from(roomPhotos).where(eq(roomPhotos.id, photo.id));
    expect(row).toMatchObject({
      uploaderUserId: customer.userId,
      sessionId,
      entryId: null,
      fromIntake: false,
      contentType: 'image/jpeg',
      width: 900,
      height: 1200,
    });

    // What is stored and what is served: neither has any EXIF (so no position), XMP or IPTC.
    const blobs = await db()
      .select({ key: photoBlobs.key, contentType: photoBlobs.contentType, data: photoBlobs.data })
      .from(photoBlobs)
      .where(sql`${photoBlobs.key} IN (${row!.storageKey}, ${row!.thumbnailKey})`);
    expect(blobs.map((blob) => blob.contentType).sort()).toEqual(['image/jpeg', 'image/webp']);
    for (const bytes of [
      ...blobs.map((blob) => blob.data),
      Buffer.from(await (await get(customer, photo.url)).arrayBuffer()),
      Buffer.from(await (await get(customer, photo.thumbnailUrl)).arrayBuffer()),
    ]) {
      const metadata = await sharp(bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(exifHasGps(metadata.exif)).toBe(false);
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.iptc).toBeUndefined();
      expect(bytes.includes(Buffer.from('TestPhone'))).toBe(false);
    }
  });

  it('refuses a text file named photo.jpg with 415 NOT_AN_IMAGE, storing nothing', async () => {
    const { customer, sessionId } = await openRoom();
    const before = await stored();
    const file = new File(['these are not the pixels you are looking for\n'], 'photo.jpg', {
      type: 'image/jpeg',
    });
    const response = await upload(customer, { sessionId }, file);
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      code: 'NOT_AN_IMAGE',
      message: 'This file is not a photo: send a JPEG, PNG or WebP image',
    });
    expect(await stored()).toEqual(before);
  });

  it('refuses more than 10 MB with 413 PHOTO_TOO_LARGE, declared or streamed, storing nothing', async () => {
    const { customer, sessionId } = await openRoom();
    const before = await stored();
    const jpeg = await phoneJpeg(64, 48);
    const tooLarge = Buffer.concat([jpeg, Buffer.alloc(ROOM_LIMITS.photoMaxBytes + 1 - jpeg.length)]);

    const declared = await upload(customer, { sessionId }, tooLarge);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'PHOTO_TOO_LARGE' });
    // Read to its end (and dropped): the connection ends cleanly and stays usable.
    expect(declared.headers.get('connection')).not.toBe('close');

    // Without a Content-Length (chunked): read only until it passes the cap.
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 12) return controller.close();
        sent++;
        controller.enqueue(sent === 1 ? Buffer.concat([jpeg, chunk.subarray(jpeg.length)]) : chunk);
      },
    });
    const streamed = await upload(customer, { sessionId }, stream);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ code: 'PHOTO_TOO_LARGE' });
    expect(streamed.headers.get('connection')).not.toBe('close');
    expect(await stored()).toEqual(before);

    // Far over (here 30 MB declared): answered at once, nothing read, and the connection closed.
    const answer = await new Promise<{ status: number; connection?: string; body: string }>(
      (resolve, reject) => {
        const request = http.request(`${t.api.url}/api/photos?sessionId=${sessionId}`, {
          method: 'POST',
          headers: {
            cookie: customer.cookie,
            'content-type': 'image/jpeg',
            'content-length': 30 * 1024 * 1024,
          },
        });
        request.on('response', (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => {
            resolve({ status: response.statusCode!, connection: response.headers.connection, body });
            request.destroy();
          });
        });
        request.on('error', reject);
        request.write(jpeg); // the first bytes only: the answer comes without the rest
      },
    );
    expect(answer).toMatchObject({ status: 413, connection: 'close' });
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'PHOTO_TOO_LARGE' });
    expect(await stored()).toEqual(before);
  });

  it(`keeps at most ${ROOM_LIMITS.unsentPhotosMax} photos unsent per person, decided by PostgreSQL under concurrency: then 429 TOO_MANY_PHOTOS`, async () => {
    const { mechanic, sessionId } = await openRoom();
    const png = await smallImage('png');
    const responses = await Promise.all(
      Array.from({ length: ROOM_LIMITS.unsentPhotosMax + 3 }, () => upload(mechanic, { sessionId }, png)),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(ROOM_LIMITS.unsentPhotosMax);
    expect(statuses.filter((status) => status === 429)).toHaveLength(3);
    const refused = responses.find((response) => response.status === 429)!;
    expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_PHOTOS' });
    const [mine] = await db()
      .select({ n: count() })
      .from(roomPhotos)
      .where(eq(roomPhotos.uploaderUserId, mechanic.userId));
    expect(mine!.n).toBe(ROOM_LIMITS.unsentPhotosMax);

    // A photo sent or removed stops counting.
    const photo = (await responses.find((response) => response.status === 201)!.json()) as PhotoRef;
    expect((await remove(mechanic, photo.id)).status).toBe(204);
    const again = await uploaded(mechanic, { sessionId });
    await markSent(again.id, sessionId, mechanic, 'mechanic');
    await uploaded(mechanic, { sessionId });
    expect((await upload(mechanic, { sessionId }, png)).status).toBe(429);
  });

  it('answers 404 to someone outside the session (never saying it exists) and 409 ROOM_CLOSED before the accept and after the end', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    const stranger = await t.customer();
    const png = await smallImage('png');
    const before = await stored();
    for (const target of [{ sessionId }, { sessionId: randomUUID() }, { sessionId: 'not-a-uuid' }]) {
      const response = await upload(stranger, target, png);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
      // Refused before reading it, the body is read all the same: the connection stays usable.
      expect(response.headers.get('connection')).not.toBe('close');
    }

    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    await uploaded(customer, { sessionId }); // live: open
    await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: summary() });
    const afterPhoto = await stored();
    for (const participant of [customer, mechanic]) {
      const response = await upload(participant, { sessionId }, png);
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({
        code: 'ROOM_CLOSED',
        message: 'This session is over: its conversation is read-only',
      });
    }
    expect(await stored()).toEqual(afterPhoto);
    expect(afterPhoto.photos).toBe(before.photos + 1);

    const pending = await t.customer();
    const started = await pending.client.intake.startSession.mutate(intake());
    if (started.kind !== 'session') throw new Error('expected a session');
    const notYet = await upload(pending, { sessionId: started.session.id }, png);
    expect(notYet.status).toBe(409);
    expect(await notYet.json()).toMatchObject({ code: 'ROOM_CLOSED' });
  });

  it('is for signed-in callers from the apps: 401 without a cookie, 403 cross-site, 400 without a target', async () => {
    const { customer, sessionId } = await openRoom();
    const png = await smallImage('png');
    const before = await stored();
    expect((await upload(undefined, { sessionId }, png)).status).toBe(401);
    const crossSite = await upload(customer, { sessionId }, png, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
    const fromApp = await upload(customer, { sessionId }, png, { origin: 'http://localhost:5173' });
    expect(fromApp.status).toBe(201);
    const untargeted = await fetch(`${t.api.url}/api/photos`, {
      method: 'POST',
      headers: { cookie: customer.cookie },
      body: png,
    });
    expect(untargeted.status).toBe(400);
    expect((await stored()).photos).toBe(before.photos + 1);

    // Counted by route, never by the photo's id.
    const metrics = await (await fetch(`${t.api.metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/autodoctor_requests_total\{procedure="photos:upload",code="201"\} \d+/);
    expect(metrics).not.toContain('/api/photos');
  });
});

describe('GET /api/photos/:id', () => {
  it('serves the photo and its thumbnail with their type, immutable private caching, an ETag and nosniff', async () => {
    const { customer, sessionId } = await openRoom();
    const photo = await uploaded(customer, { sessionId }, await phoneJpeg(3000, 2000));
    for (const [path, type, edge] of [
      [photo.url, 'image/jpeg', ROOM_LIMITS.photoMaxEdgePx],
      [photo.thumbnailUrl, 'image/webp', ROOM_LIMITS.thumbnailEdgePx],
    ] as const) {
      const response = await get(customer, path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const etag = response.headers.get('etag');
      expect(etag).toMatch(/^".+"$/);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      const metadata = await sharp(bytes).metadata();
      expect(Math.max(metadata.width, metadata.height)).toBe(edge);

      const revalidated = await get(customer, path, { 'if-none-match': etag! });
      expect(revalidated.status).toBe(304);
      expect(revalidated.headers.get('etag')).toBe(etag);
    }
  });

  it('shows a photo to the other participant once sent, never to anyone else (404)', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    const stranger = await t.mechanic();
    const photo = await uploaded(customer, { sessionId });
    // Not sent yet: only its uploader sees it.
    expect((await get(mechanic, photo.url)).status).toBe(404);
    await markSent(photo.id, sessionId, customer, 'customer');
    for (const path of [photo.url, photo.thumbnailUrl]) {
      expect((await get(customer, path)).status).toBe(200);
      expect((await get(mechanic, path)).status).toBe(200);
      const refused = await get(stranger, path);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({ code: 'NOT_FOUND', message: 'No such photo' });
      expect((await get(undefined, path)).status).toBe(401);
    }
    expect((await get(customer, `/api/photos/${randomUUID()}`)).status).toBe(404);
    expect((await get(customer, '/api/photos/not-a-uuid/thumbnail')).status).toBe(404);

    // Read-only history: still shown to both after the end.
    await mechanic.client.mechanic.startSession.mutate({ sessionId });
    await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: summary() });
    expect((await get(mechanic, photo.url)).status).toBe(200);
    expect((await get(customer, photo.thumbnailUrl)).status).toBe(200);
  });
});

describe('DELETE /api/photos/:id', () => {
  it('removes the uploader’s unsent photo and its bytes (204); others get 404, a sent one 409', async () => {
    const { customer, mechanic, sessionId } = await openRoom();
    const photo = await uploaded(customer, { sessionId });
    const before = await stored();
    expect((await remove(mechanic, photo.id)).status).toBe(404);
    expect(await stored()).toEqual(before);

    expect((await remove(customer, photo.id)).status).toBe(204);
    expect(await stored()).toEqual({ photos: before.photos - 1, blobs: before.blobs - 2 });
    expect((await get(customer, photo.url)).status).toBe(404);
    expect((await remove(customer, photo.id)).status).toBe(404);

    const sent = await uploaded(customer, { sessionId });
    await markSent(sent.id, sessionId, customer, 'customer');
    const refused = await remove(customer, sent.id);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'PHOTO_ALREADY_SENT' });
    const crossSite = await fetch(`${t.api.url}/api/photos/${sent.id}`, {
      method: 'DELETE',
      headers: { cookie: customer.cookie, origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('intake photos', () => {
  it('attaches a customer’s uploads to the session they start; its participants see them, nobody else', async () => {
    const customer = await t.customer();
    const first = await uploaded(customer, 'intake', await phoneJpeg(800, 600));
    const second = await uploaded(customer, 'intake');
    // Before the session, only the uploader sees them.
    const mechanic = await t.mechanic();
    expect((await get(customer, first.url)).status).toBe(200);
    expect((await get(mechanic, first.url)).status).toBe(404);

    const started = await customer.client.intake.startSession.mutate(
      intake({ photoIds: [first.id, second.id] }),
    );
    if (started.kind !== 'session') throw new Error('expected a session');
    expect(started.session.intakePhotos).toEqual([first, second]);
    const sessionId = started.session.id;
    expect((await customer.client.customer.session.query({ sessionId })).intakePhotos).toEqual([
      first,
      second,
    ]);
    expect((await customer.client.customer.activeSession.query())?.intakePhotos).toEqual([first, second]);
    // Attached to an intake, a photo is no longer the uploader's to remove.
    expect((await remove(customer, first.id)).status).toBe(409);

    // The queue shows no photos; the mechanic who accepts sees them.
    expect((await get(mechanic, first.url)).status).toBe(404);
    const [assignment] = await db()
      .select({ id: sessionAssignments.id })
      .from(sessionAssignments)
      .where(eq(sessionAssignments.sessionId, sessionId));
    const accepted = await mechanic.client.mechanic.accept.mutate({ assignmentId: assignment!.id });
    expect(accepted.intakePhotos).toEqual([first, second]);
    expect((await mechanic.client.mechanic.session.query({ sessionId })).intakePhotos).toEqual([
      first,
      second,
    ]);
    expect((await get(mechanic, first.url)).status).toBe(200);
    expect((await get(mechanic, second.thumbnailUrl)).status).toBe(200);
    expect((await get(await t.mechanic(), first.url)).status).toBe(404);
    const history = await mechanic.client.mechanic.history.query({});
    expect(history.items.find((item) => item.id === sessionId)?.intakePhotos).toEqual([first, second]);
  });

  it('refuses photo ids that are not the customer’s unattached uploads: BAD_REQUEST, nothing written', async () => {
    const customer = await t.customer();
    const other = await t.customer();
    const mine = await uploaded(customer, 'intake');
    const theirs = await uploaded(other, 'intake');
    const sessionsOf = async () =>
      (
        await db().select({ n: count() }).from(sessions).where(eq(sessions.customerUserId, customer.userId))
      )[0]!.n;
    for (const foreign of [theirs.id, randomUUID()]) {
      await expectTRPCError(
        customer.client.intake.startSession.mutate(intake({ photoIds: [mine.id, foreign] })),
        'BAD_REQUEST',
        { appCode: 'INTAKE_PHOTOS_NOT_AVAILABLE' },
      );
    }
    await expectTRPCError(
      customer.client.intake.startSession.mutate(intake({ type: 'paid', photoIds: [theirs.id] })),
      'BAD_REQUEST',
      { appCode: 'INTAKE_PHOTOS_NOT_AVAILABLE' },
    );
    expect(await sessionsOf()).toBe(0);
    const rows = await db()
      .select({ sessionId: roomPhotos.sessionId, fromIntake: roomPhotos.fromIntake })
      .from(roomPhotos)
      .where(sql`${roomPhotos.id} IN (${mine.id}, ${theirs.id})`);
    expect(rows).toEqual([
      { sessionId: null, fromIntake: false },
      { sessionId: null, fromIntake: false },
    ]);
    await expectTRPCError(
      customer.client.intake.startSession.mutate(
        intake({ photoIds: Array.from({ length: ROOM_LIMITS.intakePhotosMax + 1 }, () => randomUUID()) }),
      ),
      'BAD_REQUEST',
    );
  });

  it('a removal racing the intake that attaches the same photo: PostgreSQL lets exactly one of them happen', async () => {
    for (let round = 0; round < 5; round++) {
      const customer = await t.customer();
      const photo = await uploaded(customer, 'intake');
      const [removal, started] = await Promise.allSettled([
        remove(customer, photo.id),
        customer.client.intake.startSession.mutate(intake({ photoIds: [photo.id] })),
      ]);
      const removed = removal.status === 'fulfilled' && removal.value.status === 204;
      const attached = started.status === 'fulfilled';
      expect(removed !== attached, `round ${round}: removed ${removed}, attached ${attached}`).toBe(true);
      if (removal.status === 'fulfilled' && !removed) expect(removal.value.status).toBe(409);
      const rows = await db()
        .select({ sessionId: roomPhotos.sessionId })
        .from(roomPhotos)
        .where(eq(roomPhotos.id, photo.id));
      expect(rows).toHaveLength(attached ? 1 : 0);
    }
  });

  it('carries the photos of a paid intake through the checkout to the session the payment makes', async () => {
    const customer = await t.customer();
    const photo = await uploaded(customer, 'intake');
    const removedMeanwhile = await uploaded(customer, 'intake');
    const checkout = await customer.client.intake.startSession.mutate(
      intake({ type: 'paid', photoIds: [photo.id, removedMeanwhile.id] }),
    );
    if (checkout.kind !== 'checkout') throw new Error('expected a checkout');
    // Removed while paying: the paid session is made all the same, with the photo still there.
    expect((await remove(customer, removedMeanwhile.id)).status).toBe(204);
    await t.emulator.pay(checkout.checkoutSessionId);
    await t.emulator.webhooksIdle();
    const session = await customer.client.customer.activeSession.query();
    expect(session).toMatchObject({ type: 'paid', intakePhotos: [photo] });
  });

  it('is for customers: a mechanic’s intake upload is 403', async () => {
    const mechanic = await t.mechanic();
    const response = await upload(mechanic, 'intake', await smallImage('webp'));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'FORBIDDEN' });
  });
});
