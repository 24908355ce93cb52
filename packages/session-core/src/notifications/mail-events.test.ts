import { mailOutbox, notificationOptOuts, users, type Database } from '@autodoctor/db';
import { useTestDatabase } from '@autodoctor/db/testing';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSessionRecord } from '../create-session-record.ts';
import { completeCreditPurchase, startCreditPurchase } from '../credit-purchases.ts';
import { AssignmentUnavailableError, NotAParticipantError } from '../errors.ts';
import { decideQuote } from '../quotes/decide-quote.ts';
import { saveQuoteDraft, sendQuote } from '../quotes/quote-writes.ts';
import { sendRoomMessage } from '../room/send-room-message.ts';
import { createCustomer, createMechanic, sessionInput } from '../test-fixtures.ts';
import { acceptAssignment } from '../transitions/accept-assignment.ts';
import { cancelSession } from '../transitions/cancel-session.ts';
import { endSession } from '../transitions/end-session.ts';
import { startSession } from '../transitions/start-session.ts';

const database = useTestDatabase({ max: 20 });

async function verified(db: Database, userId: string): Promise<string> {
  await db.update(users).set({ emailVerified: true }).where(eq(users.id, userId));
  return userId;
}

async function nameOf(db: Database, userId: string): Promise<string> {
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return user!.name;
}

/** Every outbox row of a person: kind, dedupe key and payload. */
const outboxOf = (db: Database, userId: string) =>
  db
    .select({ kind: mailOutbox.kind, dedupeKey: mailOutbox.dedupeKey, payload: mailOutbox.payload })
    .from(mailOutbox)
    .where(eq(mailOutbox.userId, userId))
    .orderBy(mailOutbox.createdAt, mailOutbox.id);

const VEHICLE = '2017 Toyota Corolla: Check engine light came on after refuelling';

/** A verified customer (with credits) and a verified mechanic. */
async function people(db: Database, credits = 0) {
  return {
    customer: await verified(db, await createCustomer(db, credits)),
    mechanic: await verified(db, await createMechanic(db)),
  };
}

describe('session emails, written in the move that causes them', () => {
  it('accept → session_accepted to the customer with the mechanic’s name; live; ended with the summary', async () => {
    const { db } = database;
    const { customer, mechanic } = await people(db);
    const { session, assignment } = await createSessionRecord(db, sessionInput('free', customer));
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    await startSession(db, { sessionId: session.id, actorUserId: mechanic });
    for (const body of ['Hello', 'It clicks when cold']) {
      await sendRoomMessage(db, {
        sessionId: session.id,
        senderUserId: customer,
        clientMessageId: randomUUID(),
        body,
      });
    }
    await db.execute(
      sql`UPDATE sessions SET started_at = now() - interval '25 minutes' WHERE id = ${session.id}`,
    );
    await endSession(db, { sessionId: session.id, actorUserId: mechanic });

    const customerName = await nameOf(db, customer);
    const mechanicName = await nameOf(db, mechanic);
    const rows = await outboxOf(db, customer);
    expect(rows.map((row) => row.dedupeKey)).toEqual([
      `session_accepted:${session.id}:${customer}`,
      `session_live:${session.id}:${customer}`,
      `session_ended:${session.id}:${customer}`,
    ]);
    const facts = { sessionId: session.id, vehicleSummary: VEHICLE, customerName, mechanicName };
    expect(rows[0]).toMatchObject({ kind: 'session_accepted', payload: facts });
    expect(rows[1]).toMatchObject({ kind: 'session_live', payload: facts });
    expect(rows[2]).toMatchObject({
      kind: 'session_ended',
      payload: { ...facts, durationMinutes: 25, messageCount: 2 },
    });
    const ended = rows[2]!.payload as { startedAt: string; endedAt: string };
    expect(Date.parse(ended.endedAt) - Date.parse(ended.startedAt)).toBeGreaterThanOrEqual(25 * 60_000);
    expect(await outboxOf(db, mechanic)).toEqual([]);
  });

  it('writes one session_accepted however many mechanics race for the session', async () => {
    const { db } = database;
    const { customer } = await people(db);
    const mechanics = await Promise.all(Array.from({ length: 6 }, () => createMechanic(database.db)));
    const { assignment } = await createSessionRecord(db, sessionInput('free', customer));
    const results = await Promise.allSettled(
      mechanics.map((mechanicUserId) =>
        acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(AssignmentUnavailableError);
    }
    expect((await outboxOf(db, customer)).map((row) => row.kind)).toEqual(['session_accepted']);
  });

  it('writes nothing to an unverified address, nor a kind turned off', async () => {
    const { db } = database;
    const unverified = await createCustomer(db);
    const optedOut = await verified(db, await createCustomer(db));
    await db
      .insert(notificationOptOuts)
      .values({ userId: optedOut, channel: 'email', kind: 'session_accepted' });
    for (const customer of [unverified, optedOut]) {
      const mechanic = await createMechanic(db);
      const { session, assignment } = await createSessionRecord(db, sessionInput('free', customer));
      await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
      await startSession(db, { sessionId: session.id, actorUserId: mechanic });
    }
    expect(await outboxOf(db, unverified)).toEqual([]);
    // Only the kind turned off is left out.
    expect((await outboxOf(db, optedOut)).map((row) => row.kind)).toEqual(['session_live']);
  });

  it('writes nothing when the move rolls back', async () => {
    const { db } = database;
    const { customer, mechanic } = await people(db);
    const { session, assignment } = await createSessionRecord(db, sessionInput('free', customer));
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    await startSession(db, { sessionId: session.id, actorUserId: mechanic });
    const before = await outboxOf(db, customer);
    // The customer may end the session but not write the mechanic's summary: the end is undone.
    await expect(
      endSession(db, {
        sessionId: session.id,
        actorUserId: customer,
        summary: { found: 'Loose cap', nextSteps: 'Tighten it', workshopVisitNeeded: false },
      }),
    ).rejects.toBeInstanceOf(NotAParticipantError);
    expect(await outboxOf(db, customer)).toEqual(before);
    expect(before.map((row) => row.kind)).not.toContain('session_ended');
  });
});

describe('refund emails', () => {
  it('cancel of a credit session no mechanic took → session_refund with the credits, once', async () => {
    const { db } = database;
    const { customer } = await people(db, 2);
    const { session } = await createSessionRecord(db, sessionInput('credit', customer));
    await cancelSession(db, { sessionId: session.id, actorUserId: customer });
    const rows = await outboxOf(db, customer);
    expect(rows).toEqual([
      {
        kind: 'session_refund',
        dedupeKey: `session_refund:${session.id}:${customer}`,
        payload: {
          sessionId: session.id,
          vehicleSummary: VEHICLE,
          customerName: await nameOf(db, customer),
          amountCents: null,
          currency: null,
          credits: 1,
        },
      },
    ]);
  });

  it('no refund email for a free session cancelled (nothing given back)', async () => {
    const { db } = database;
    const { customer } = await people(db);
    const { session } = await createSessionRecord(db, sessionInput('free', customer));
    await cancelSession(db, { sessionId: session.id, actorUserId: customer });
    expect(await outboxOf(db, customer)).toEqual([]);
  });
});

describe('receipts', () => {
  it('a paid session writes its card receipt with the session, once per checkout, even to concurrent deliveries', async () => {
    const { db } = database;
    const { customer } = await people(db);
    const input = sessionInput('paid', customer);
    const results = await Promise.all([createSessionRecord(db, input), createSessionRecord(db, input)]);
    const session = results[0].session;
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const rows = await outboxOf(db, customer);
    expect(rows).toEqual([
      {
        kind: 'session_payment_receipt',
        dedupeKey: `session_payment_receipt:${session.id}:${customer}`,
        payload: {
          sessionId: session.id,
          vehicleSummary: VEHICLE,
          customerName: await nameOf(db, customer),
          amountCents: 2900,
          currency: 'usd',
          paidAt: session.createdAt.toISOString(),
          paymentReference: (input as { payment: { stripeCheckoutSessionId: string } }).payment
            .stripeCheckoutSessionId,
        },
      },
    ]);
  });

  it('a credit purchase writes its receipt when credited, once however often the webhook comes', async () => {
    const { db } = database;
    const { customer } = await people(db);
    const purchase = await startCreditPurchase(db, { customerUserId: customer, packId: 'credits_5' });
    const completion = {
      creditPurchaseId: purchase.id,
      stripeCheckoutSessionId: `cs_test_${randomUUID()}`,
      paid: { amountCents: purchase.amountCents, currency: purchase.currency },
    };
    const outcomes = await Promise.all([
      completeCreditPurchase(db, completion),
      completeCreditPurchase(db, completion),
    ]);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['already_credited', 'credited']);
    const rows = await outboxOf(db, customer);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'credit_purchase_receipt',
      dedupeKey: `credit_purchase_receipt:${purchase.id}:${customer}`,
      payload: {
        customerName: await nameOf(db, customer),
        purchaseId: purchase.id,
        credits: 5,
        amountCents: purchase.amountCents,
        currency: purchase.currency,
        paymentReference: completion.stripeCheckoutSessionId,
      },
    });
    expect(Number.isNaN(Date.parse((rows[0]!.payload as { paidAt: string }).paidAt))).toBe(false);
  });

  it('receipts go to verified addresses only (the receipt page has them for everyone)', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    await createSessionRecord(db, sessionInput('paid', customer));
    expect(await outboxOf(db, customer)).toEqual([]);
  });
});

describe('quote emails', () => {
  it('sent → quote_sent to the customer; approved → quote_approved to the mechanic; declined → none', async () => {
    const { db } = database;
    const { customer, mechanic } = await people(db);
    const { session, assignment } = await createSessionRecord(db, sessionInput('free', customer));
    await acceptAssignment(db, { assignmentId: assignment.id, mechanicUserId: mechanic });
    await startSession(db, { sessionId: session.id, actorUserId: mechanic });
    const quote = {
      taxRateBps: 0,
      workshopName: 'Main Street Garage',
      workshopAddress: '1 Main Street',
      lines: [
        { kind: 'part' as const, description: 'Pads', quantityMilli: 1000, unitPriceCents: 5_000 },
        { kind: 'labour' as const, description: 'Fitting', quantityMilli: 1000, unitPriceCents: 8_000 },
      ],
    };
    const draft = await saveQuoteDraft(db, { mechanicUserId: mechanic, sessionId: session.id, quote });
    const sent = await sendQuote(db, { mechanicUserId: mechanic, quoteId: draft.id });
    await decideQuote(db, {
      customerUserId: customer,
      quoteId: sent.id,
      signatureName: 'Alice Customer',
      decisions: [
        { lineId: sent.lines[0]!.id, approved: true },
        { lineId: sent.lines[1]!.id, approved: false },
      ],
    });
    const customerName = await nameOf(db, customer);
    const mechanicName = await nameOf(db, mechanic);
    const common = {
      sessionId: session.id,
      vehicleSummary: VEHICLE,
      customerName,
      mechanicName,
      quoteId: sent.id,
      version: 1,
      currency: 'usd',
    };
    const toCustomer = (await outboxOf(db, customer)).filter((row) => row.kind.startsWith('quote'));
    expect(toCustomer).toEqual([
      {
        kind: 'quote_sent',
        dedupeKey: `quote_sent:${sent.id}:${customer}`,
        payload: { ...common, totalCents: 13_000, validUntil: sent.validUntil.toISOString() },
      },
    ]);
    expect(await outboxOf(db, mechanic)).toEqual([
      {
        kind: 'quote_approved',
        dedupeKey: `quote_approved:${sent.id}:${mechanic}`,
        payload: { ...common, approvedTotalCents: 5_000 },
      },
    ]);
  });
});
