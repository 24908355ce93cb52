import { sessionEvents, sessions } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from './create-session-record.ts';
import { promoteDueScheduledSessions } from './promote-due-scheduled-sessions.ts';
import { createCustomer, sessionInput } from './test-fixtures.ts';
import { cancelSession } from './transitions/cancel-session.ts';

const database = useTestDatabase();

async function scheduledSession(minutesFromNow: number) {
  const customer = await createCustomer(database.db);
  const { session } = await createSessionRecord(database.db, {
    ...sessionInput('free', customer),
    scheduledFor: new Date(Date.now() + 3600_000),
  });
  // Move its start to the wanted time (the intake only accepts future starts).
  await database.db
    .update(sessions)
    .set({ scheduledFor: sql`now() + make_interval(mins => ${minutesFromNow})` })
    .where(eq(sessions.id, session.id));
  return { session, customer };
}

describe('promoteDueScheduledSessions', () => {
  it('moves due scheduled sessions into the queue with an entered_queue event, once', async () => {
    const due = await scheduledSession(-1);
    const later = await scheduledSession(30);
    const cancelled = await scheduledSession(-5);
    await cancelSession(database.db, { sessionId: cancelled.session.id, actorUserId: cancelled.customer });

    expect(await promoteDueScheduledSessions(database.db)).toBe(1);
    expect(await promoteDueScheduledSessions(database.db)).toBe(0);

    const statuses = await database.db
      .select({ id: sessions.id, status: sessions.status })
      .from(sessions)
      .where(sql`${sessions.id} IN (${due.session.id}, ${later.session.id}, ${cancelled.session.id})`);
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [due.session.id]: 'pending',
      [later.session.id]: 'scheduled',
      [cancelled.session.id]: 'cancelled',
    });
    const events = await database.db
      .select({ type: sessionEvents.type, actor: sessionEvents.actorUserId, payload: sessionEvents.payload })
      .from(sessionEvents)
      .where(eq(sessionEvents.sessionId, due.session.id))
      .orderBy(sessionEvents.id);
    expect(events).toEqual([
      expect.objectContaining({ type: 'created' }),
      { type: 'entered_queue', actor: null, payload: { from: 'scheduled', to: 'pending' } },
    ]);
  });
});
