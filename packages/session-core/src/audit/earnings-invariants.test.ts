import { mechanicEarnings, sessions } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { decideQuote } from '../quotes/decide-quote.ts';
import { saveQuoteDraft, sendQuote } from '../quotes/quote-writes.ts';
import { createCustomer, createMechanic, intake, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from '../transitions/accept-assignment.ts';
import { endSession } from '../transitions/end-session.ts';
import { startSession } from '../transitions/start-session.ts';
import { earningsInvariantViolations, NO_EARNINGS_VIOLATIONS } from './earnings-invariants.ts';

const database = useTestDatabase();

/** A card-paid session a mechanic took and ended (owing a referral fee), and an approved quote of it. */
async function paidSessionWithApprovedQuote() {
  const { db } = database;
  const customer = await createCustomer(db);
  const mechanic = await createMechanic(db);
  const { session, assignment } = await createSessionRecord(db, {
    type: 'paid',
    customerUserId: customer,
    ...intake,
    payment: { stripeCheckoutSessionId: `cs_test_${randomUUID()}`, amountCents: 2900, currency: 'usd' },
  });
  await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
  await startSession(db, { sessionId: session.id, actorUserId: mechanic });
  await endSession(db, { sessionId: session.id, actorUserId: mechanic });
  const draft = await saveQuoteDraft(db, {
    mechanicUserId: mechanic,
    sessionId: session.id,
    quote: {
      taxRateBps: 0,
      workshopName: 'Main Street Garage',
      workshopAddress: '1 Main Street',
      lines: [
        { kind: 'part', description: 'Pads', quantityMilli: 1000, unitPriceCents: 10_000 },
        { kind: 'labour', description: 'Fitting', quantityMilli: 1000, unitPriceCents: 5_000 },
      ],
    },
  });
  const sent = await sendQuote(db, { mechanicUserId: mechanic, quoteId: draft.id });
  const decided = await decideQuote(db, {
    customerUserId: customer,
    quoteId: sent.id,
    decisions: sent.lines.map((line, index) => ({ lineId: line.id, approved: index === 0 })),
    signatureName: 'Casey Customer',
  });
  return { customer, mechanic, sessionId: session.id, quote: decided };
}

describe('earningsInvariantViolations', () => {
  it('finds nothing wrong with what session-core writes', async () => {
    const { sessionId, quote } = await paidSessionWithApprovedQuote();
    const lines = await database.db.select().from(mechanicEarnings);
    expect(lines.map((line) => [line.kind, line.amountCents]).sort()).toEqual([
      ['quote_bonus', 500], // 5 % of the approved $100.00
      ['referral_fee', 58], // 2 % of $29.00
    ]);
    expect(lines.find((line) => line.kind === 'referral_fee')?.sessionId).toBe(sessionId);
    expect(lines.find((line) => line.kind === 'quote_bonus')?.quoteId).toBe(quote.id);
    expect(await earningsInvariantViolations(database.db)).toEqual(NO_EARNINGS_VIOLATIONS);
  });

  it('counts a fee for a session that did not end, whatever became of it', async () => {
    const { db } = database;
    const { mechanic } = await paidSessionWithApprovedQuote();
    const customer = await createCustomer(db);
    const { session: pending } = await createSessionRecord(db, sessionInput('free', customer));
    await db.insert(mechanicEarnings).values({
      mechanicUserId: mechanic,
      kind: 'referral_fee',
      amountCents: 58,
      currency: 'usd',
      sessionId: pending.id,
      rateBps: 200,
    });
    const counts = await earningsInvariantViolations(db);
    expect(counts.referral_fee_for_a_session_not_ended).toBe(1);
    // Only ended sessions are checked against what they owe.
    expect(counts.referral_fee_missing_repeated_or_wrong).toBe(0);
    await db.update(sessions).set({ status: 'cancelled' }).where(eq(sessions.id, pending.id));
    expect((await earningsInvariantViolations(db)).referral_fee_for_a_session_not_ended).toBe(1);
  });

  it('counts a fee line for a session that owed nothing', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const mechanic = await createMechanic(db);
    const { session, assignment } = await createSessionRecord(db, sessionInput('free', customer));
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    await startSession(db, { sessionId: session.id, actorUserId: mechanic });
    await endSession(db, { sessionId: session.id, actorUserId: mechanic });
    await db.insert(mechanicEarnings).values({
      mechanicUserId: mechanic,
      kind: 'referral_fee',
      amountCents: 1,
      currency: 'usd',
      sessionId: session.id,
      rateBps: 200,
    });
    // A free session owes no fee: a fee line for it is counted as wrong.
    expect((await earningsInvariantViolations(db)).referral_fee_missing_repeated_or_wrong).toBe(1);
  });
});
