import {
  creditLedger,
  mechanicEarnings,
  quotes,
  sessionEvents,
  sessionRatings,
  sessions,
  users,
} from '@autodoctor/db';
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
      quotes: await db.$count(quotes),
      earnings: await db.$count(mechanicEarnings),
      ratings: await db.$count(sessionRatings),
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

  it('gives the mechanics earnings to show: a quote bonus, a payout and a referral fee', async () => {
    const { db } = database;
    const lines = await db
      .select({ email: users.email, kind: mechanicEarnings.kind, amountCents: mechanicEarnings.amountCents })
      .from(mechanicEarnings)
      .innerJoin(users, eq(users.id, mechanicEarnings.mechanicUserId));
    expect(lines.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { email: demoEmail('mike'), kind: 'payout', amountCents: -500 },
      // 5 % of Grace's approved battery and labour: $149.00 + $47.50, plus 8.25 % tax.
      { email: demoEmail('mike'), kind: 'quote_bonus', amountCents: 1064 },
      // 2 % of Frank's $29.00.
      { email: demoEmail('max'), kind: 'referral_fee', amountCents: 58 },
    ]);
    const open = await db.select({ status: quotes.status }).from(quotes);
    expect(open.map((quote) => quote.status).sort()).toEqual(['approved', 'sent']);
    expect(await db.$count(sessionRatings)).toBe(1);
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
