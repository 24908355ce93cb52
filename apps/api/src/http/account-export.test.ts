import { sessionAssignments } from '@autodoctor/db';
import { eq } from '@autodoctor/db/orm';
import type { PhotoRef } from '@autodoctor/session-core';
import { strFromU8, unzipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/accounts.ts';
import { intake, summary } from '../testing/fixtures.ts';
import { smallImage } from '../testing/images.ts';
import { useTestApi } from '../testing/test-api.ts';

// Limits on, as in production (RATE_LIMIT_ACCOUNT_EXPORT_PER_ACCOUNT), the rest raised.
const t = useTestApi({
  RATE_LIMITS: 'on',
  RATE_LIMIT_SIGN_UP_PER_IP: '1000/600',
  RATE_LIMIT_SIGN_IN_PER_IP: '1000/300',
  RATE_LIMIT_AUTH_PER_IP: '1000/60',
  RATE_LIMIT_INTAKE_PER_IP: '1000/600',
  RATE_LIMIT_ACCOUNT_EXPORT_PER_ACCOUNT: '3/3600',
});
const VIN = '1HGCM82633A004352';

async function uploadPhoto(user: TestUser, target: { sessionId: string } | 'intake'): Promise<PhotoRef> {
  const query = target === 'intake' ? 'for=intake' : `sessionId=${target.sessionId}`;
  const response = await fetch(`${t.api.url}/api/photos?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', cookie: user.cookie },
    body: await smallImage('png'),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as PhotoRef;
}

/** A customer's ended session with mechanic X: an intake photo, a message with a photo each way. */
async function sessionWithEverything(customer: TestUser, mechanic: TestUser, words: string) {
  const intakePhoto = await uploadPhoto(customer, 'intake');
  const started = await customer.client.intake.startSession.mutate(
    intake({ vehicle: { year: 2003, make: 'Honda', model: 'Accord', vin: VIN }, photoIds: [intakePhoto.id] }),
  );
  if (started.kind !== 'session') throw new Error('expected a session');
  const sessionId = started.session.id;
  const [assignment] = await t.database.db
    .select()
    .from(sessionAssignments)
    .where(eq(sessionAssignments.sessionId, sessionId));
  await mechanic.client.mechanic.accept.mutate({ assignmentId: assignment!.id });
  await mechanic.client.mechanic.startSession.mutate({ sessionId });
  const roomPhoto = await uploadPhoto(customer, { sessionId });
  await customer.client.room.send.mutate({
    sessionId,
    clientMessageId: randomUUID(),
    body: words,
    photoIds: [roomPhoto.id],
  });
  await mechanic.client.room.send.mutate({ sessionId, clientMessageId: randomUUID(), body: 'Noted.' });
  await mechanic.client.mechanic.endSession.mutate({ sessionId, summary: summary() });
  await customer.client.customer.rateSession.mutate({ sessionId, stars: 4, comment: `rated ${words}` });
  return { sessionId, photos: [intakePhoto.id, roomPhoto.id] };
}

const download = (user: TestUser | undefined) =>
  fetch(`${t.api.url}/api/account/export`, { headers: user ? { cookie: user.cookie } : {} });

interface ExportedJson {
  profile: { id: string; email: string; name: string };
  sessions: {
    id: string;
    vehicle: { vin?: string | null };
    events: { type: string }[];
    messages: { from: string; text: string; photos: string[] }[];
    photos: string[];
  }[];
  ratings: { stars: number; comment: string }[];
  notificationPreferences: unknown;
  credits: { ledger: unknown[]; purchases: unknown[] };
}

describe('GET /api/account/export', () => {
  it("is a zip of the customer's account.json and photos, with nothing of anyone else's", async () => {
    const tag = randomUUID().slice(0, 8);
    const customer = await t.customer(`Exporting ${tag}`);
    const other = await t.customer(`Other ${tag}`);
    const mechanic = await t.mechanic(`Mechanic ${tag}`);
    const mine = await sessionWithEverything(customer, mechanic, `my words ${tag}`);
    const theirs = await sessionWithEverything(other, mechanic, `their words ${tag}`);

    const response = await download(customer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="autodoctor-data-/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));

    const photoFiles = Object.keys(files).filter((name) => name.startsWith('photos/'));
    expect(photoFiles.sort()).toEqual(mine.photos.map((id) => `photos/${mine.sessionId}/${id}.png`).sort());
    for (const name of photoFiles) {
      // PNG's signature: the bytes themselves.
      expect([...files[name]!.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    }

    const text = strFromU8(files['account.json']!);
    const data = JSON.parse(text) as ExportedJson;
    expect(data.profile).toMatchObject({
      id: customer.userId,
      email: customer.email,
      name: `Exporting ${tag}`,
    });
    expect(data.sessions.map((session) => session.id)).toEqual([mine.sessionId]);
    const [session] = data.sessions;
    expect(session!.vehicle.vin).toBe(VIN);
    expect(session!.events.map((event) => event.type)).toEqual([
      'created',
      'assignment_accepted',
      'started',
      'ended',
    ]);
    expect(session!.messages.map(({ from, text, photos }) => ({ from, text, photos }))).toEqual([
      { from: 'you', text: `my words ${tag}`, photos: [mine.photos[1]] },
      { from: 'mechanic', text: 'Noted.', photos: [] },
    ]);
    expect(session!.photos.sort()).toEqual(photoFiles.sort());
    expect(data.ratings).toEqual([expect.objectContaining({ stars: 4, comment: `rated my words ${tag}` })]);
    expect(data.notificationPreferences).toBeTruthy();

    // Nothing of the other customer's, nor anyone's account id but the owner's.
    for (const secret of [
      other.userId,
      other.email,
      `Other ${tag}`,
      theirs.sessionId,
      `their words ${tag}`,
      mechanic.userId,
      mechanic.email,
    ]) {
      expect(text).not.toContain(secret);
    }
    for (const id of theirs.photos) expect(Object.keys(files).join('\n')).not.toContain(id);
  });

  it("gives a mechanic their sessions, without the customer's identity or VIN", async () => {
    const tag = randomUUID().slice(0, 8);
    const customer = await t.customer(`Client ${tag}`);
    const mechanic = await t.mechanic(`Wrench ${tag}`);
    const { sessionId } = await sessionWithEverything(customer, mechanic, `hello ${tag}`);
    const response = await download(mechanic);
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['account.json']); // the customer's photos are theirs
    const text = strFromU8(files['account.json']!);
    const data = JSON.parse(text) as ExportedJson & { earnings: unknown[] };
    expect(data.profile.id).toBe(mechanic.userId);
    expect(data.sessions.map((session) => session.id)).toEqual([sessionId]);
    expect(data.earnings).toBeInstanceOf(Array);
    for (const secret of [customer.userId, customer.email, `Client ${tag}`, VIN])
      expect(text).not.toContain(secret);
  });

  it('needs a sign-in (401) and is rate-limited per account (429 with Retry-After)', async () => {
    expect((await download(undefined)).status).toBe(401);
    const customer = await t.customer();
    for (let i = 0; i < 3; i++) {
      const response = await download(customer);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    const limited = await download(customer);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // Another account is counted on its own.
    expect((await download(await t.customer())).status).toBe(200);
  });
});
