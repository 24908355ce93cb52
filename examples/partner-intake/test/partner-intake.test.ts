// The service against a real AutoDoctor database: TEST_DATABASE_URL names one the tests may write
// to (an empty one is migrated first with the installed @autodoctor/db's migrations).
import { connect, runMigrations, users } from '@autodoctor/db';
import { acceptAssignment, cancelSession } from '@autodoctor/session-core';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startPartnerIntake, type PartnerIntake } from '../src/app.ts';
import { BODY_LIMIT_BYTES, hashKey, type PartnerIntakeConfig } from '../src/config.ts';
import { sseReader } from './sse.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
if (!databaseUrl) throw new Error('Set TEST_DATABASE_URL to a database the tests may write to');

const ACME_KEY = `pik_acme_${randomUUID()}`;
const GLOBEX_KEY = `pik_globex_${randomUUID()}`;
const config = (overrides: Partial<PartnerIntakeConfig> = {}): PartnerIntakeConfig => ({
  databaseUrl,
  host: '127.0.0.1',
  port: 0,
  partners: [
    { id: 'acme', keyHash: Buffer.from(hashKey(ACME_KEY), 'hex') },
    { id: 'globex', keyHash: Buffer.from(hashKey(GLOBEX_KEY), 'hex') },
  ],
  requestsPerMinute: 1000,
  maxOpenFeedsPerPartner: 5,
  ...overrides,
});

const { db, sql, close } = connect(databaseUrl, { max: 4 });
let service: PartnerIntake;

before(async () => {
  await runMigrations(databaseUrl);
  service = await startPartnerIntake(config());
});
after(async () => {
  await service.close();
  await close();
});

const customer = () => ({ email: `pat-${randomUUID()}@partner.example`, name: 'Pat Partner' });
const intake = (who = customer()) => ({
  customer: who,
  vehicle: { year: 2018, make: 'Honda', model: 'Civic' },
  concern: 'Grinding noise when braking',
});

function call(path: string, init: RequestInit & { key?: string | null } = {}) {
  const { key = ACME_KEY, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (key !== null) headers.set('authorization', `Bearer ${key}`);
  return fetch(`${service.url}${path}`, { ...rest, headers });
}

function open(body: unknown, key: string | null = ACME_KEY, url = service.url) {
  return fetch(`${url}/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; [key: string]: unknown } })
    .error;
}

const userCount = async () => (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users`)[0]!.n;

describe('POST /sessions', () => {
  it('opens a free session for a new customer of ours, in the queue', async () => {
    const who = customer();
    const response = await open(intake({ ...who, email: who.email.toUpperCase() }));
    assert.equal(response.status, 201);
    const body = (await response.json()) as {
      sessionId: string;
      status: string;
      customer: { created: boolean };
    };
    assert.equal(body.status, 'pending');
    assert.equal(body.customer.created, true);
    const [row] = await sql`
      SELECT s.type, s.status, u.email, u.role, u.email_verified, a.status AS assignment,
             (SELECT count(*)::int FROM auth_accounts WHERE user_id = u.id) AS logins,
             p.partner_id
      FROM sessions s JOIN users u ON u.id = s.customer_user_id
      JOIN session_assignments a ON a.session_id = s.id
      JOIN partner_intake.partner_sessions p ON p.session_id = s.id
      WHERE s.id = ${body.sessionId}`;
    assert.deepEqual(
      { ...row },
      {
        type: 'free',
        status: 'pending',
        email: who.email,
        role: 'customer',
        email_verified: false,
        assignment: 'queued',
        logins: 0,
        partner_id: 'acme',
      },
    );
  });

  it('refuses a second session while one is active (409 ACTIVE_SESSION_CONFLICT, naming it)', async () => {
    const who = customer();
    const first = (await (await open(intake(who))).json()) as { sessionId: string };
    const again = await open(intake(who));
    assert.equal(again.status, 409);
    assert.deepEqual(await errorOf(again), {
      code: 'ACTIVE_SESSION_CONFLICT',
      message: 'The customer already has a session open',
      sessionId: first.sessionId,
    });
    // Another partner is told the conflict, not the session.
    const other = await open(intake(who), GLOBEX_KEY);
    assert.equal(other.status, 409);
    const error = await errorOf(other);
    assert.equal(error.code, 'ACTIVE_SESSION_CONFLICT');
    assert.equal(error.sessionId, undefined);
    assert.doesNotMatch(JSON.stringify(error), new RegExp(first.sessionId));
  });

  it('refuses a customer whose free session is used (409 FREE_SESSION_USED)', async () => {
    const who = customer();
    const first = (await (await open(intake(who))).json()) as { sessionId: string };
    const [mechanic] = await db
      .insert(users)
      .values({ name: 'Mo Mechanic', email: `mo-${randomUUID()}@example.test`, role: 'mechanic' })
      .returning({ id: users.id });
    const [assignment] = await sql<
      { id: string }[]
    >`SELECT id FROM session_assignments WHERE session_id = ${first.sessionId}`;
    await acceptAssignment(db, { assignmentId: assignment!.id, mechanicUserId: mechanic!.id });
    const [owner] = await sql<
      { id: string }[]
    >`SELECT customer_user_id AS id FROM sessions WHERE id = ${first.sessionId}`;
    await cancelSession(db, { sessionId: first.sessionId, actorUserId: owner!.id });
    const again = await open(intake(who));
    assert.equal(again.status, 409);
    assert.equal((await errorOf(again)).code, 'FREE_SESSION_USED');
  });

  it("refuses a mechanic's address (409 EMAIL_NOT_A_CUSTOMER), writing nothing", async () => {
    const email = `mechanic-${randomUUID()}@example.test`;
    await db.insert(users).values({ name: 'Mo Mechanic', email, role: 'mechanic' });
    const before = await userCount();
    const response = await open(intake({ email, name: 'Pat Partner' }));
    assert.equal(response.status, 409);
    assert.equal((await errorOf(response)).code, 'EMAIL_NOT_A_CUSTOMER');
    assert.equal(await userCount(), before);
  });

  it('refuses a bad intake with 400 and its issues, before any account is made', async () => {
    const before = await userCount();
    const response = await open({
      ...intake(),
      vehicle: { year: 1200, make: '', model: 'Civic' },
      concern: 'short',
    });
    assert.equal(response.status, 400);
    const error = await errorOf(response);
    assert.equal(error.code, 'INVALID_INPUT');
    const paths = (error.issues as { path: string }[]).map((issue) => issue.path).sort();
    assert.deepEqual(paths, ['concern', 'vehicle.make', 'vehicle.year']);
    const badCustomer = await open(intake({ email: 'not an address', name: 'Pat' }));
    assert.equal(badCustomer.status, 400);
    assert.equal(await userCount(), before);
  });

  it('refuses what is not JSON, or too large, with a clear code', async () => {
    const notJson = await open('{"customer":');
    assert.equal(notJson.status, 400);
    assert.equal((await errorOf(notJson)).code, 'INVALID_JSON');
    const wrongType = await call('/sessions', {
      method: 'POST',
      body: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(wrongType.status, 415);
    const large = await open({ ...intake(), padding: 'x'.repeat(BODY_LIMIT_BYTES) });
    assert.equal(large.status, 413);
    assert.deepEqual(await errorOf(large), {
      code: 'PAYLOAD_TOO_LARGE',
      message: `The body is larger than ${BODY_LIMIT_BYTES} bytes`,
      limitBytes: BODY_LIMIT_BYTES,
    });
  });

  it('answers 401 without a key, or with a wrong one, writing nothing', async () => {
    const before = await userCount();
    for (const key of [null, 'pik_wrong', `${ACME_KEY}x`, '']) {
      const response = await open(intake(), key);
      assert.equal(response.status, 401, `key ${String(key)}`);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      assert.equal((await errorOf(response)).code, 'UNAUTHORIZED');
    }
    assert.equal(await userCount(), before);
  });

  it('limits each partner to its requests a minute (429 with Retry-After), each partner on its own', async () => {
    const limited = await startPartnerIntake(config({ requestsPerMinute: 2 }));
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await open(intake(), ACME_KEY, limited.url)).status);
      assert.deepEqual(statuses, [201, 201, 429]);
      const refused = await open(intake(), ACME_KEY, limited.url);
      assert.equal((await errorOf(refused)).code, 'TOO_MANY_REQUESTS');
      assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal((await open(intake(), GLOBEX_KEY, limited.url)).status, 201);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /sessions/:id/events', () => {
  it("follows the partner's session: created, then accepted with the mechanic's name", async () => {
    const { sessionId } = (await (await open(intake())).json()) as { sessionId: string };
    const response = await call(`/sessions/${sessionId}/events`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = sseReader(response);
    try {
      const created = await events.next();
      assert.equal(created?.event, 'created');
      assert.deepEqual(
        { ...(created!.data as object), at: undefined, id: undefined },
        {
          id: undefined,
          at: undefined,
          type: 'created',
          sessionId,
          status: 'pending',
          previousStatus: null,
          mechanicName: null,
        },
      );
      const [mechanic] = await db
        .insert(users)
        .values({ name: 'Mo Mechanic', email: `mo-${randomUUID()}@example.test`, role: 'mechanic' })
        .returning({ id: users.id });
      const [assignment] = await sql<
        { id: string }[]
      >`SELECT id FROM session_assignments WHERE session_id = ${sessionId}`;
      await acceptAssignment(db, { assignmentId: assignment!.id, mechanicUserId: mechanic!.id });
      const accepted = await events.next();
      assert.equal(accepted?.event, 'assignment_accepted');
      assert.deepEqual(
        { ...(accepted!.data as object), at: undefined, id: undefined },
        {
          id: undefined,
          at: undefined,
          type: 'assignment_accepted',
          sessionId,
          status: 'waiting',
          previousStatus: 'pending',
          mechanicName: 'Mo Mechanic',
        },
      );

      // Resuming after the first event gives the second again, and nothing before it.
      const resumed = sseReader(
        await call(`/sessions/${sessionId}/events`, { headers: { 'last-event-id': created!.id } }),
      );
      try {
        assert.equal((await resumed.next())?.id, accepted!.id);
      } finally {
        await resumed.cancel();
      }
    } finally {
      await events.cancel();
    }
  });

  it('ends the feed after the event that closes the session', async () => {
    const who = customer();
    const { sessionId } = (await (await open(intake(who))).json()) as { sessionId: string };
    const [owner] = await sql<
      { id: string }[]
    >`SELECT customer_user_id AS id FROM sessions WHERE id = ${sessionId}`;
    await cancelSession(db, { sessionId, actorUserId: owner!.id });
    const events = sseReader(await call(`/sessions/${sessionId}/events`));
    assert.equal((await events.next())?.event, 'created');
    assert.equal((await events.next())?.event, 'cancelled');
    assert.equal(await events.next(), undefined);
  });

  it("answers 404 for another partner's session, an unknown one or a malformed id", async () => {
    const { sessionId } = (await (await open(intake())).json()) as { sessionId: string };
    for (const [path, key] of [
      [`/sessions/${sessionId}/events`, GLOBEX_KEY],
      [`/sessions/${randomUUID()}/events`, ACME_KEY],
      ['/sessions/not-a-uuid/events', ACME_KEY],
    ] as const) {
      const response = await call(path, { key });
      assert.equal(response.status, 404, path);
      assert.equal((await errorOf(response)).code, 'SESSION_NOT_FOUND');
    }
    assert.equal((await call(`/sessions/${sessionId}/events`, { key: null })).status, 401);
    const badResume = await call(`/sessions/${sessionId}/events?after=abc`);
    assert.equal(badResume.status, 400);
  });

  it('caps the feeds a partner holds open at once', async () => {
    const limited = await startPartnerIntake(config({ maxOpenFeedsPerPartner: 1 }));
    try {
      const { sessionId } = (await (await open(intake(), ACME_KEY, limited.url)).json()) as {
        sessionId: string;
      };
      const path = `${limited.url}/sessions/${sessionId}/events`;
      const headers = { authorization: `Bearer ${ACME_KEY}` };
      const first = sseReader(await fetch(path, { headers }));
      try {
        assert.equal((await first.next())?.event, 'created');
        const second = await fetch(path, { headers });
        assert.equal(second.status, 429);
        assert.equal((await errorOf(second)).code, 'TOO_MANY_FEEDS');
      } finally {
        await first.cancel();
      }
    } finally {
      await limited.close();
    }
  });
});
