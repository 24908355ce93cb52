import { sessions } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { createCustomer, sessionInput } from '../test-fixtures.ts';
import { isAfter } from './feed-position.ts';
import {
  currentFeedPosition,
  lastSettledEventId,
  positionOfEvent,
  readSessionEvents,
} from './read-session-events.ts';

const database = useTestDatabase();

describe('the session event feed', () => {
  it('reads committed events in feed order, with the session and assignment they concern', async () => {
    const start = await currentFeedPosition(database.db);
    const customer = await createCustomer(database.db);
    const { session, assignment } = await createSessionRecord(database.db, sessionInput('free', customer));
    const events = await readSessionEvents(database.db, { after: start });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'created',
      sessionId: session.id,
      from: undefined,
      to: 'pending',
      session: { customerUserId: customer, type: 'free', vehicleMake: 'Toyota' },
      assignment: { id: assignment.id, mechanicUserId: null },
    });
    expect(await positionOfEvent(database.db, events[0]!.id)).toEqual(events[0]!.position);
    expect(await lastSettledEventId(database.db, session.id)).toBe(events[0]!.id);
  });

  it('holds back events behind a transaction still running, so no reader ever skips one', async () => {
    const start = await currentFeedPosition(database.db);
    const early = await createSessionRecord(
      database.db,
      sessionInput('free', await createCustomer(database.db)),
    );
    const laterCustomer = await createCustomer(database.db);

    // Transaction A writes an event first (smaller id) and stays open…
    const release = deferred();
    const a = database.sql.begin(async (tx) => {
      await tx`INSERT INTO session_events (session_id, type, payload)
               VALUES (${early.session.id}, 'started', '{"from":"waiting","to":"live"}')`;
      await release.promise;
    });
    await waitUntilWritten(early.session.id);
    // …while B commits a later event.
    const b = await createSessionRecord(database.db, sessionInput('free', laterCustomer));

    const whileOpen = await readSessionEvents(database.db, { after: start });
    // At most the event before A (other test files' transactions on this server may hold even that back).
    expect(whileOpen.map((e) => [e.sessionId, e.type])).toEqual(
      whileOpen.length ? [[early.session.id, 'created']] : [],
    );

    release.resolve(undefined);
    await a;
    // Other test files' transactions on this server can hold the feed back a moment longer: wait for both.
    let afterCommit = await readSessionEvents(database.db, { after: start });
    while (afterCommit.length < 3) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      afterCommit = await readSessionEvents(database.db, { after: start });
    }
    expect(afterCommit.map((e) => [e.sessionId, e.type])).toEqual([
      [early.session.id, 'created'],
      [early.session.id, 'started'],
      [b.session.id, 'created'],
    ]);
    expect(isAfter(afterCommit[2]!.position, afterCommit[1]!.position)).toBe(true);
    // A's event has the smaller id yet committed last: reading by id alone would have skipped it.
    expect(afterCommit[1]!.id).toBeLessThan(afterCommit[2]!.id);
  });

  it('filters by session and pages with after/limit', async () => {
    const customer = await createCustomer(database.db);
    const { session } = await createSessionRecord(database.db, sessionInput('free', customer));
    await database.db.update(sessions).set({ status: 'cancelled' }).where(eq(sessions.id, session.id));
    await database.db.execute(
      sql`INSERT INTO session_events (session_id, type, payload) VALUES (${session.id}, 'cancelled', '{"from":"pending"}')`,
    );
    const all = await readSessionEvents(database.db, { sessionId: session.id });
    expect(all.map((e) => [e.type, e.from, e.to])).toEqual([
      ['created', undefined, 'pending'],
      ['cancelled', 'pending', 'cancelled'],
    ]);
    const page = await readSessionEvents(database.db, {
      sessionId: session.id,
      after: all[0]!.position,
      limit: 1,
    });
    expect(page.map((e) => e.id)).toEqual([all[1]!.id]);
  });
});

function deferred() {
  let resolve!: (value: unknown) => void;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

async function waitUntilWritten(sessionId: string) {
  // A's insert is not visible to others; wait until its transaction holds an xid.
  for (;;) {
    const [row] = await database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'transactionid' AND a.datname = current_database() AND a.state = 'idle in transaction'`,
    );
    if ((row?.n ?? 0) > 0) return sessionId;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
