import {
  creditLedger,
  customerCredits,
  sessionAssignments,
  sessionEvents,
  sessionParticipants,
  sessions,
  type Database,
} from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from './create-session-record.ts';
import { getCreditBalance } from './credits.ts';
import {
  ActiveSessionConflictError,
  CustomerNotFoundError,
  InsufficientCreditsError,
  InvalidSessionInputError,
} from './errors.ts';
import { SESSION_PRICES } from './rules/pricing.ts';
import { createCustomer, createMechanic, intake, sessionInput } from './test-fixtures.ts';

const database = useTestDatabase();

async function rowCounts(db: Database, customerUserId: string) {
  const countOf = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;
  const sessionIds = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.customerUserId, customerUserId));
  return {
    sessions: await countOf(
      db.select({ n: count() }).from(sessions).where(eq(sessions.customerUserId, customerUserId)),
    ),
    participants: await countOf(
      db
        .select({ n: count() })
        .from(sessionParticipants)
        .where(inArray(sessionParticipants.sessionId, sessionIds)),
    ),
    assignments: await countOf(
      db
        .select({ n: count() })
        .from(sessionAssignments)
        .where(inArray(sessionAssignments.sessionId, sessionIds)),
    ),
    events: await countOf(
      db.select({ n: count() }).from(sessionEvents).where(inArray(sessionEvents.sessionId, sessionIds)),
    ),
    ledger: await countOf(
      db.select({ n: count() }).from(creditLedger).where(eq(creditLedger.customerUserId, customerUserId)),
    ),
  };
}

describe('createSessionRecord', () => {
  it.each(['free', 'credit', 'paid'] as const)(
    'creates a %s session with its participant, assignment and event',
    async (type) => {
      const { db } = database;
      const customer = await createCustomer(db, 3);
      const { session, assignment, created } = await createSessionRecord(db, sessionInput(type, customer));

      expect(created).toBe(true);
      expect(session).toMatchObject({
        type,
        status: 'pending',
        customerUserId: customer,
        vehicleMake: 'Toyota',
      });
      expect(assignment).toMatchObject({ sessionId: session.id, status: 'queued', mechanicUserId: null });
      // Decoded as Drizzle would: timestamps are Dates, absent values null.
      expect(session.createdAt).toBeInstanceOf(Date);
      expect(session).toMatchObject({ startedAt: null, endedAt: null, scheduledFor: null, vehicleVin: null });
      expect(assignment.createdAt).toBeInstanceOf(Date);
      const participants = await db
        .select()
        .from(sessionParticipants)
        .where(eq(sessionParticipants.sessionId, session.id));
      expect(participants).toEqual([
        expect.objectContaining({ userId: customer, role: 'customer', leftAt: null }),
      ]);
      const events = await db.select().from(sessionEvents).where(eq(sessionEvents.sessionId, session.id));
      expect(events.map((event) => [event.type, event.actorUserId, event.payload.sessionType])).toEqual([
        ['created', customer, type],
      ]);
      expect(session.chargedCredits).toBe(SESSION_PRICES[type].credits);
      expect(await getCreditBalance(db, customer)).toBe(3 - SESSION_PRICES[type].credits);
    },
  );

  it('debits a credit session through the ledger', async () => {
    const { db } = database;
    const customer = await createCustomer(db, 2);
    const { session } = await createSessionRecord(db, sessionInput('credit', customer));
    const ledger = await db.select().from(creditLedger).where(eq(creditLedger.customerUserId, customer));
    expect(ledger.map(({ reason, delta, sessionId }) => ({ reason, delta, sessionId }))).toEqual([
      { reason: 'grant', delta: 2, sessionId: null },
      { reason: 'session_debit', delta: -SESSION_PRICES.credit.credits, sessionId: session.id },
    ]);
    expect(await getCreditBalance(db, customer)).toBe(2 - SESSION_PRICES.credit.credits);
  });

  it('records what a paid session was charged', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const { session } = await createSessionRecord(db, {
      type: 'paid',
      customerUserId: customer,
      ...intake,
      payment: { stripeCheckoutSessionId: 'cs_test_charged', amountCents: 4500, currency: 'EUR' },
    });
    expect(session).toMatchObject({
      chargedAmountCents: 4500,
      currency: 'eur',
      stripeCheckoutSessionId: 'cs_test_charged',
    });
  });

  it('schedules a session with a future start', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const start = new Date(Date.now() + 24 * 3600_000);
    const { session } = await createSessionRecord(db, {
      ...sessionInput('free', customer),
      scheduledFor: start,
    });
    expect(session.status).toBe('scheduled');
    expect(session.scheduledFor?.toISOString()).toBe(start.toISOString());
  });

  it('refuses a credit session when the balance is short, leaving nothing behind', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const error = await createSessionRecord(db, sessionInput('credit', customer)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientCreditsError);
    expect(error).toMatchObject({ required: 1, available: 0, kind: 'conflict' });
    expect(await rowCounts(db, customer)).toEqual({
      sessions: 0,
      participants: 0,
      assignments: 0,
      events: 0,
      ledger: 0,
    });
  });

  it('gives a customer with an active session ActiveSessionConflictError carrying its id', async () => {
    const { db } = database;
    const customer = await createCustomer(db, 5);
    const { session } = await createSessionRecord(db, sessionInput('free', customer));
    for (const type of ['free', 'credit', 'paid'] as const) {
      const error = await createSessionRecord(db, sessionInput(type, customer)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ActiveSessionConflictError);
      expect((error as ActiveSessionConflictError).activeSessionId).toBe(session.id);
    }
    expect(await getCreditBalance(db, customer)).toBe(5);
    expect(await rowCounts(db, customer)).toMatchObject({
      sessions: 1,
      participants: 1,
      assignments: 1,
      events: 1,
    });
  });

  it('creates exactly one of 50 concurrent sessions for one customer', async () => {
    const { db } = database;
    const customer = await createCustomer(db, 100);
    const types = ['free', 'credit', 'paid'] as const;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => createSessionRecord(db, sessionInput(types[i % 3]!, customer))),
    );
    const created = results.filter((r) => r.status === 'fulfilled');
    const conflicts = results.filter(
      (r) => r.status === 'rejected' && r.reason instanceof ActiveSessionConflictError,
    );
    expect(created).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const winner = (created[0] as PromiseFulfilledResult<{ session: { id: string; type: string } }>).value
      .session;
    for (const conflict of conflicts)
      expect((conflict as PromiseRejectedResult).reason).toMatchObject({ activeSessionId: winner.id });

    const counts = await rowCounts(db, customer);
    expect(counts).toEqual({
      sessions: 1,
      participants: 1,
      assignments: 1,
      events: 1,
      ledger: winner.type === 'credit' ? 2 : 1,
    });
    expect(await getCreditBalance(db, customer)).toBe(winner.type === 'credit' ? 99 : 100);
  });

  it('returns the same paid session for a checkout id it already fulfilled', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const input = sessionInput('paid', customer);
    const first = await createSessionRecord(db, input);
    const second = await createSessionRecord(db, input);
    expect(second.created).toBe(false);
    expect(second.session.id).toBe(first.session.id);
    expect(second.assignment.id).toBe(first.assignment.id);
    expect(await rowCounts(db, customer)).toMatchObject({
      sessions: 1,
      participants: 1,
      assignments: 1,
      events: 1,
    });
  });

  it('creates one paid session when the same checkout arrives 20 times at once', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const input = sessionInput('paid', customer);
    const results = await Promise.all(Array.from({ length: 20 }, () => createSessionRecord(db, input)));
    expect(new Set(results.map((r) => r.session.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await rowCounts(db, customer)).toMatchObject({
      sessions: 1,
      participants: 1,
      assignments: 1,
      events: 1,
    });
  });

  it('refuses an unknown customer and a mechanic as customer', async () => {
    const { db } = database;
    const mechanic = await createMechanic(db);
    for (const userId of ['no-such-user', mechanic]) {
      const error = await createSessionRecord(db, sessionInput('free', userId)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CustomerNotFoundError);
      expect(await rowCounts(db, userId)).toMatchObject({ sessions: 0, participants: 0 });
    }
  });

  it.each([
    ['a year before cars', { vehicle: { ...intake.vehicle, year: 1700 } }, 'vehicle.year'],
    ['an empty make', { vehicle: { ...intake.vehicle, make: '  ' } }, 'vehicle.make'],
    ['a malformed VIN', { vehicle: { ...intake.vehicle, vin: 'IOQ123' } }, 'vehicle.vin'],
    ['a too short concern', { concern: 'noise' }, 'concern'],
    ['a start in the past', { scheduledFor: new Date(Date.now() - 60_000) }, 'scheduledFor'],
  ])('refuses %s with InvalidSessionInputError', async (_, override, path) => {
    const { db } = database;
    const customer = await createCustomer(db);
    const error = await createSessionRecord(db, { ...sessionInput('free', customer), ...override }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidSessionInputError);
    expect((error as InvalidSessionInputError).issues.map((issue) => issue.path)).toContain(path);
    expect(await rowCounts(db, customer)).toMatchObject({ sessions: 0 });
  });

  it('refuses a paid session without a checkout id', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const error = await createSessionRecord(db, {
      type: 'paid',
      customerUserId: customer,
      ...intake,
      payment: { stripeCheckoutSessionId: '' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidSessionInputError);
  });

  it('normalises the VIN and trims text', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const { session } = await createSessionRecord(db, {
      ...sessionInput('free', customer),
      vehicle: { year: 2020, make: ' Ford ', model: 'Focus', vin: '1fadp3f22jl123456' },
    });
    expect(session).toMatchObject({ vehicleMake: 'Ford', vehicleVin: '1FADP3F22JL123456' });
  });

  it('keeps the balance table free of negative balances', async () => {
    const { db } = database;
    const customer = await createCustomer(db, 1);
    await expect(
      db.update(customerCredits).set({ balance: -1 }).where(eq(customerCredits.customerUserId, customer)),
    ).rejects.toThrow();
    expect(await getCreditBalance(db, customer)).toBe(1);
  });
});
