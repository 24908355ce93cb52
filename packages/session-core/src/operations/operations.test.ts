import { describeError, users } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { InvalidSessionInputError, SessionNotFoundError } from '../errors.ts';
import { sendRoomMessage } from '../room/send-room-message.ts';
import { createCustomer, createMechanic, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from '../transitions/accept-assignment.ts';
import { searchSessions } from './search-sessions.ts';
import { getOperatorSessionView, listTranscriptAccess, openTranscript } from './transcript-access.ts';

const database = useTestDatabase();
const db = () => database.db;

async function createOperator(): Promise<string> {
  const id = await createMechanic(db());
  await db().update(users).set({ role: 'operator', name: 'Olga Operator' }).where(eq(users.id, id));
  return id;
}

/** A customer's free session with a VIN, accepted by a mechanic, and one message in its room. */
async function acceptedSession(vin: string) {
  const customer = await createCustomer(db());
  const mechanic = await createMechanic(db());
  const { session, assignment } = await createSessionRecord(db(), {
    ...sessionInput('free', customer),
    vehicle: { year: 2016, make: 'Skoda', model: 'Octavia', vin },
  });
  await acceptAssignment(db(), { assignmentId: assignment.id, mechanicUserId: mechanic });
  await sendRoomMessage(db(), {
    sessionId: session.id,
    senderUserId: customer,
    clientMessageId: crypto.randomUUID(),
    body: 'The light came on after I filled up.',
  });
  const [row] = await db().select({ email: users.email }).from(users).where(eq(users.id, customer));
  return { sessionId: session.id, customerEmail: row!.email, mechanic };
}

describe('searchSessions', () => {
  it('finds a session by its id, its customer’s email (any case) or its VIN, narrowed by status and date', async () => {
    const found = await acceptedSession('1HGCM82633A004352');
    const other = await acceptedSession('1M8GDM9AXKP042788');
    const ids = async (search: Parameters<typeof searchSessions>[1]) =>
      (await searchSessions(db(), search)).map((hit) => hit.id);
    expect(await ids({ query: found.sessionId })).toEqual([found.sessionId]);
    expect(await ids({ query: found.customerEmail.toUpperCase() })).toEqual([found.sessionId]);
    expect(await ids({ query: '1hgcm82633a004352' })).toEqual([found.sessionId]);
    expect(await ids({ query: found.sessionId, status: 'waiting' })).toEqual([found.sessionId]);
    expect(await ids({ query: found.sessionId, status: 'ended' })).toEqual([]);
    expect(await ids({ query: found.sessionId, createdFrom: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await ids({ query: 'nothing like an id' })).toEqual([]);
    // Nothing given: the newest first.
    expect((await ids({})).slice(0, 2)).toEqual([other.sessionId, found.sessionId]);
    const [hit] = await searchSessions(db(), { query: found.sessionId });
    expect(hit).toMatchObject({
      status: 'waiting',
      type: 'free',
      vehicle: '2016 Skoda Octavia',
      vin: '1HGCM82633A004352',
    });
    expect(hit!.mechanicName).toMatch(/^mechanic /);
  });

  it('refuses a malformed search', async () => {
    await expect(searchSessions(db(), { status: 'lost' as never })).rejects.toBeInstanceOf(
      InvalidSessionInputError,
    );
  });
});

describe('transcripts for operators', () => {
  it('logs each opening, with who and why, in the transaction that reads the room', async () => {
    const operator = await createOperator();
    const { sessionId } = await acceptedSession('JH4KA7561PC008269');
    const view = await getOperatorSessionView(db(), sessionId);
    expect(view.events.map((event) => event.type)).toEqual(['created', 'assignment_accepted']);
    expect(view.concern).toBe('Check engine light came on after refuelling');

    const entries = await openTranscript(db(), {
      sessionId,
      operatorUserId: operator,
      reason: 'Ticket 4411: a complaint',
    });
    expect(
      entries
        .filter((entry) => entry.kind === 'message')
        .map((entry) => entry.kind === 'message' && entry.body),
    ).toEqual(['The light came on after I filled up.']);
    const [line] = (await listTranscriptAccess(db())).filter((access) => access.sessionId === sessionId);
    expect(line).toMatchObject({ operatorName: 'Olga Operator', reason: 'Ticket 4411: a complaint' });
    // The log is append-only.
    const refusal = await db()
      .execute(sql`DELETE FROM transcript_access_log WHERE session_id = ${sessionId}`)
      .then(
        () => 'allowed',
        (error: unknown) => describeError(error),
      );
    expect(refusal).toMatch(/append-only/);
  });

  it('logs nothing for an unknown session or a missing reason', async () => {
    const operator = await createOperator();
    const { sessionId } = await acceptedSession('JH4KA7561PC008269');
    const before = (await listTranscriptAccess(db())).length;
    await expect(
      openTranscript(db(), { sessionId: crypto.randomUUID(), operatorUserId: operator, reason: 'Checking' }),
    ).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(
      openTranscript(db(), { sessionId, operatorUserId: operator, reason: '  ' }),
    ).rejects.toBeInstanceOf(InvalidSessionInputError);
    await expect(getOperatorSessionView(db(), 'not-an-id')).rejects.toBeInstanceOf(SessionNotFoundError);
    expect((await listTranscriptAccess(db())).length).toBe(before);
  });
});
