import { creditLedger, describeError } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from './create-session-record.ts';
import { debitCredits, getCreditBalance, grantCredits } from './credits.ts';
import { CustomerNotFoundError, InsufficientCreditsError, InvalidSessionInputError } from './errors.ts';
import { createCustomer, sessionInput } from './test-fixtures.ts';
import { cancelSession } from './transitions/cancel-session.ts';

const database = useTestDatabase({ max: 30 });

async function ledgerSum(customerUserId: string): Promise<number> {
  const [row] = await database.db
    .select({ sum: sql<number>`coalesce(sum(${creditLedger.delta}), 0)::int` })
    .from(creditLedger)
    .where(eq(creditLedger.customerUserId, customerUserId));
  return row!.sum;
}

describe('credits', () => {
  it('grants credits through the ledger', async () => {
    const customer = await createCustomer(database.db);
    expect(await getCreditBalance(database.db, customer)).toBe(0);
    expect(await grantCredits(database.db, customer, 3)).toBe(3);
    expect(await grantCredits(database.db, customer, 2)).toBe(5);
    expect(await ledgerSum(customer)).toBe(5);
  });

  it('refuses a grant that is not a positive whole number, or to nobody', async () => {
    const customer = await createCustomer(database.db);
    for (const credits of [0, -1, 1.5]) {
      await expect(grantCredits(database.db, customer, credits)).rejects.toBeInstanceOf(
        InvalidSessionInputError,
      );
    }
    await expect(grantCredits(database.db, 'nobody', 1)).rejects.toBeInstanceOf(CustomerNotFoundError);
    expect(await ledgerSum(customer)).toBe(0);
  });

  it('never takes a balance below zero under 20 concurrent debits', async () => {
    const { db } = database;
    const customer = await createCustomer(db, 5);
    // Debits are for sessions: make 20 (each cancelled so the next may start).
    const sessionIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { session } = await createSessionRecord(db, sessionInput('free', customer));
      await cancelSession(db, { sessionId: session.id, actorUserId: customer });
      sessionIds.push(session.id);
    }
    const results = await Promise.allSettled(
      sessionIds.map((sessionId) => database.sql.begin((tx) => debitCredits(tx, customer, 1, sessionId))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(15);
    for (const r of refused) expect(r.reason).toBeInstanceOf(InsufficientCreditsError);
    expect(await getCreditBalance(db, customer)).toBe(0);
    expect(await ledgerSum(customer)).toBe(0);
  });

  it('keeps the ledger append-only', async () => {
    const customer = await createCustomer(database.db, 1);
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'allowed',
        (error: unknown) => describeError(error),
      );
    expect(await refusal(database.db.update(creditLedger).set({ delta: 100 }))).toMatch(/append-only/);
    expect(await refusal(database.db.delete(creditLedger))).toMatch(/append-only/);
    expect(await ledgerSum(customer)).toBe(1);
  });
});
