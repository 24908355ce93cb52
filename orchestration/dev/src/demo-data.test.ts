import { creditLedger, sessionEvents, sessions, users } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { SESSION_STATUSES, getCreditBalance } from '@autodoctor/session-core';
import { eq } from '@autodoctor/db/orm';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS, demoEmail, seedDemoData } from './demo-data.ts';

const database = useTestDatabase();

describe('seedDemoData', () => {
  it('writes users and sessions in every status, and nothing more when run again', async () => {
    const { db } = database;
    const first = await seedDemoData(db);
    expect(first.usersCreated).toBe(DEMO_USERS.length);
    expect(Object.keys(first.sessionsByStatus).sort()).toEqual([...SESSION_STATUSES].sort());

    const counts = async () => ({
      users: await db.$count(users),
      sessions: await db.$count(sessions),
      events: await db.$count(sessionEvents),
      ledger: await db.$count(creditLedger),
    });
    const before = await counts();
    const second = await seedDemoData(db);
    expect(second).toMatchObject({
      usersCreated: 0,
      sessionsCreated: 0,
      sessionsByStatus: first.sessionsByStatus,
    });
    expect(await counts()).toEqual(before);
  });

  it('leaves customers with and without credits', async () => {
    const { db } = database;
    const balance = async (key: 'bob' | 'carol') => {
      const [user] = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, demoEmail(key)));
      return getCreditBalance(db, user!.id);
    };
    expect(await balance('bob')).toBe(0);
    // Carol started with 3 and spent 1 on her pending credit session.
    expect(await balance('carol')).toBe(2);
  });
});
