import { authAccounts, users } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { EmailNotACustomerError, InvalidSessionInputError } from '../errors.ts';
import { createMechanic, intake } from '../test-fixtures.ts';
import { deleteCustomerAccount, deletedAccountEmail } from './delete-customer-account.ts';
import { ensureCustomer } from './ensure-customer.ts';

const database = useTestDatabase({ max: 20 });

const address = () => `partner-${randomUUID()}@example.test`;
const userCount = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;

describe('ensureCustomer', () => {
  it('makes a customer with no password and an unverified address, who can open a session', async () => {
    const { db } = database;
    const email = address();
    const customer = await ensureCustomer(db, { email: email.toUpperCase(), name: '  Pat Partner ' });
    expect(customer).toMatchObject({ email, name: 'Pat Partner', created: true });
    const [row] = await db.select().from(users).where(eq(users.id, customer.userId));
    expect(row).toMatchObject({ email, role: 'customer', emailVerified: false, deletedAt: null });
    expect(await db.select().from(authAccounts).where(eq(authAccounts.userId, customer.userId))).toEqual([]);

    const { session } = await createSessionRecord(db, {
      type: 'free',
      customerUserId: customer.userId,
      ...intake,
    });
    expect(session.customerUserId).toBe(customer.userId);
  });

  it('returns the existing customer for that address, unchanged', async () => {
    const { db } = database;
    const email = address();
    const first = await ensureCustomer(db, { email, name: 'Pat Partner' });
    const again = await ensureCustomer(db, { email, name: 'Somebody Else' });
    expect(again).toEqual({ ...first, created: false });
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, first.userId));
    expect(row!.name).toBe('Pat Partner');
  });

  it('makes one account for 20 concurrent calls with one address', async () => {
    const { db } = database;
    const email = address();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ensureCustomer(db, { email, name: `Caller ${i}` })),
    );
    expect(new Set(results.map((result) => result.userId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
  });

  it("refuses a mechanic's address with EMAIL_NOT_A_CUSTOMER, changing nothing", async () => {
    const { db } = database;
    const mechanicId = await createMechanic(db);
    const [mechanic] = await db.select().from(users).where(eq(users.id, mechanicId));
    const refused = await ensureCustomer(db, { email: mechanic!.email, name: 'Pat Partner' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(EmailNotACustomerError);
    expect(refused).toMatchObject({ code: 'EMAIL_NOT_A_CUSTOMER', kind: 'conflict' });
    const [after] = await db.select().from(users).where(eq(users.id, mechanicId));
    expect(after).toEqual(mechanic);
  });

  it('never hands out a deleted account by its placeholder address', async () => {
    const { db } = database;
    const { userId } = await ensureCustomer(db, { email: address(), name: 'Gone Soon' });
    await deleteCustomerAccount(db, userId);
    await expect(
      ensureCustomer(db, { email: deletedAccountEmail(userId), name: 'Pat' }),
    ).rejects.toBeInstanceOf(EmailNotACustomerError);
  });

  it('refuses a malformed address or name with InvalidSessionInputError, writing nothing', async () => {
    const { db } = database;
    const before = await userCount();
    for (const input of [
      { email: 'not an address', name: 'Pat' },
      { email: address(), name: '   ' },
      { email: address(), name: 'Pat\u0000' },
      { email: `${'a'.repeat(250)}@example.test`, name: 'Pat' },
      { email: address(), name: 'x'.repeat(101) },
    ]) {
      const refused = await ensureCustomer(db, input).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InvalidSessionInputError);
    }
    expect(await userCount()).toBe(before);
  });
});
