import { checkoutIntents, processedStripeEvents, sessions, stripeRefunds } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import { paymentInvariantViolations } from '@autodoctor/db/testing';
import { signatureHeader } from '@autodoctor/stripe-emulator';
import { TRPCClientError } from '@trpc/client';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../testing/accounts.ts';
import { dbSnapshot } from '../testing/db-snapshot.ts';
import { expectTRPCError } from '../testing/expect-trpc-error.ts';
import { intake } from '../testing/fixtures.ts';
import { useTestApi } from '../testing/test-api.ts';
import { waitFor } from '../testing/wait-for.ts';
import { EMULATOR_SECRET_KEY, EMULATOR_WEBHOOK_SECRET } from './stripe-client.ts';
import { completedEventOf as emulatorCompletedEvent } from '../testing/stripe-events.ts';

const t = useTestApi();

const stripeOf = () => new Stripe(EMULATOR_SECRET_KEY, { ...t.emulator.stripeConfig, maxNetworkRetries: 0 });

async function startCheckout(customer: TestUser) {
  const result = await customer.client.intake.startSession.mutate(intake({ type: 'paid' }));
  if (result.kind !== 'checkout') throw new Error('expected a checkout');
  return result;
}

async function paidSessionOf(checkoutSessionId: string) {
  return waitFor(async () => {
    const [session] = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.stripeCheckoutSessionId, checkoutSessionId));
    return session;
  }, `the paid session of ${checkoutSessionId}`);
}

const completedEventOf = (checkoutSessionId: string) => emulatorCompletedEvent(t.emulator, checkoutSessionId);

/** Delivers an event to the API as Stripe would, signed with `secret`. */
function deliver(event: unknown, secret = EMULATOR_WEBHOOK_SECRET, body = JSON.stringify(event, null, 2)) {
  return fetch(`${t.api.url}/webhooks/stripe`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': signatureHeader(body, secret, Math.floor(Date.now() / 1000)),
    },
    body,
  });
}

async function refundsOf(checkoutSessionId: string) {
  const checkout = await stripeOf().checkout.sessions.retrieve(checkoutSessionId);
  const refunds = await stripeOf().refunds.list({ payment_intent: checkout.payment_intent as string });
  return refunds.data;
}

describe('paid sessions through Stripe Checkout', () => {
  it('go from intake to the hosted page to a paid session made by the webhook', async () => {
    const carol = await t.customer();
    const checkout = await startCheckout(carol);
    expect(checkout.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(await carol.client.customer.activeSession.query()).toBeNull();

    const page = await (await fetch(checkout.checkoutUrl)).text();
    expect(page).toContain('$29.00');
    expect(page).toMatch(/Pay/);
    const successUrl = await t.emulator.pay(checkout.checkoutSessionId);
    expect(successUrl).toBe(
      `http://localhost:5173/checkout/success?checkout_session_id=${checkout.checkoutSessionId}`,
    );

    const session = await paidSessionOf(checkout.checkoutSessionId);
    expect(session).toMatchObject({
      type: 'paid',
      status: 'pending',
      chargedAmountCents: 2900,
      currency: 'usd',
    });
    expect(await carol.client.customer.activeSession.query()).toMatchObject({ id: session.id, type: 'paid' });
    const { entries } = await (await t.mechanic()).client.mechanic.queue.query();
    expect(entries.map((entry) => entry.sessionId)).toContain(session.id);
  });

  it('refuse a checkout to a customer who has an active session (409 with its id)', async () => {
    const dave = await t.customer();
    const free = await dave.client.intake.startSession.mutate(intake());
    const before = await dbSnapshot(t.database.db);
    const error = await startCheckout(dave).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<never>).data).toMatchObject({
      code: 'CONFLICT',
      httpStatus: 409,
      appCode: 'ACTIVE_SESSION_CONFLICT',
      activeSessionId: free.kind === 'session' ? free.session.id : undefined,
    });
    expect(await dbSnapshot(t.database.db)).toEqual(before);
  });

  it('refund a payment that completes while the customer has meanwhile started another session', async () => {
    const erin = await t.customer();
    const checkout = await startCheckout(erin);
    await erin.client.intake.startSession.mutate(intake()); // a free one, while the checkout is open
    await t.emulator.pay(checkout.checkoutSessionId);
    await t.emulator.webhooksIdle();
    const [refund] = await waitFor(async () => {
      const rows = await t.database.db
        .select()
        .from(stripeRefunds)
        .where(eq(stripeRefunds.stripeCheckoutSessionId, checkout.checkoutSessionId));
      return rows[0]?.refundedAt ? rows : undefined;
    }, 'the refund');
    expect(refund).toMatchObject({ reason: 'active_session_conflict', sessionId: null });
    expect(await refundsOf(checkout.checkoutSessionId)).toHaveLength(1);
    const paid = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.stripeCheckoutSessionId, checkout.checkoutSessionId));
    expect(paid).toEqual([]);
  });
});

describe('a payment that cannot become a session', () => {
  it('is refunded, never kept', async () => {
    const nora = await t.customer();
    const checkout = await startCheckout(nora);
    // The stored intake no longer passes the rules (as if they had changed since).
    await t.database.db
      .update(checkoutIntents)
      .set({ intake: { ...intake(), concern: 'short' } })
      .where(eq(checkoutIntents.stripeCheckoutSessionId, checkout.checkoutSessionId));
    await t.emulator.pay(checkout.checkoutSessionId);
    await t.emulator.webhooksIdle();
    await waitFor(async () => (await refundsOf(checkout.checkoutSessionId)).length > 0, 'the refund');
    const [owed] = await t.database.db
      .select()
      .from(stripeRefunds)
      .where(eq(stripeRefunds.stripeCheckoutSessionId, checkout.checkoutSessionId));
    expect(owed).toMatchObject({ reason: 'session_not_created', sessionId: null });
    expect(
      t.emulator.deliveries().filter((d) => d.statusCode !== 200 && d.url.includes('/webhooks/')),
    ).toEqual([]);
  });
});

describe('the Stripe webhook', () => {
  it('makes one session of the same event delivered 10 times in a row and 10 times at once', async () => {
    const frank = await t.customer();
    const checkout = await startCheckout(frank);
    await t.emulator.pay(checkout.checkoutSessionId);
    const session = await paidSessionOf(checkout.checkoutSessionId);
    await t.emulator.webhooksIdle();
    const event = completedEventOf(checkout.checkoutSessionId);

    for (let i = 0; i < 10; i++) expect((await deliver(event)).status).toBe(200);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => deliver(event)));
    expect(concurrent.map((response) => response.status)).toEqual(Array(10).fill(200));
    // Another event id for the same checkout (Stripe may send one per payment outcome).
    expect((await deliver({ ...event, id: `${event.id}_again` })).status).toBe(200);

    const rows = await t.database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.customerUserId, frank.userId));
    expect(rows).toEqual([{ id: session.id }]);
  });

  it('makes one session per checkout when ten fresh deliveries race, before any was processed', async () => {
    const grace = await t.customer();
    const checkout = await startCheckout(grace);
    await t.emulator.pay(checkout.checkoutSessionId);
    await paidSessionOf(checkout.checkoutSessionId);
    await t.emulator.webhooksIdle();
    const event = completedEventOf(checkout.checkoutSessionId);
    // Ten distinct event ids, none seen before, all at once.
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => deliver({ ...event, id: `${event.id}_race_${i}` })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const rows = await t.database.db.select().from(sessions).where(eq(sessions.customerUserId, grace.userId));
    expect(rows).toHaveLength(1);
  });

  it('handles events in any order: an old completed event after the session was cancelled creates nothing', async () => {
    const heidi = await t.customer();
    const ivan = await t.customer();
    const first = await startCheckout(heidi);
    const second = await startCheckout(ivan);
    const unpaid = await startCheckout(await t.customer());
    await stripeOf().checkout.sessions.expire(unpaid.checkoutSessionId);
    // Paid in one order, delivered (again) in the other.
    await t.emulator.pay(first.checkoutSessionId);
    await t.emulator.pay(second.checkoutSessionId);
    const heidiSession = await paidSessionOf(first.checkoutSessionId);
    await paidSessionOf(second.checkoutSessionId);
    await t.emulator.webhooksIdle();
    await heidi.client.customer.cancelSession.mutate({ sessionId: heidiSession.id });

    const expired = t.emulator.events().find((e) => e.type === 'checkout.session.expired')!;
    for (const event of [
      completedEventOf(second.checkoutSessionId),
      expired,
      completedEventOf(first.checkoutSessionId),
    ]) {
      expect((await deliver({ ...event, id: `${event.id}_late` })).status).toBe(200);
    }
    const heidiRows = await t.database.db
      .select({ status: sessions.status })
      .from(sessions)
      .where(eq(sessions.customerUserId, heidi.userId));
    expect(heidiRows).toEqual([{ status: 'cancelled' }]);
    expect(await heidi.client.customer.activeSession.query()).toBeNull();
  });

  it('answers 400 and writes nothing without a valid signature', async () => {
    const judy = await t.customer();
    const checkout = await startCheckout(judy);
    await t.emulator.pay(checkout.checkoutSessionId);
    await paidSessionOf(checkout.checkoutSessionId);
    await t.emulator.webhooksIdle();
    const event = { ...completedEventOf(checkout.checkoutSessionId), id: 'evt_forged' };
    const body = JSON.stringify(event);
    const before = await dbSnapshot(t.database.db);

    const unsigned = await fetch(`${t.api.url}/webhooks/stripe`, { method: 'POST', body });
    const wrongSecret = await deliver(event, 'whsec_not_ours');
    const tampered = await fetch(`${t.api.url}/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'stripe-signature': signatureHeader(body, EMULATOR_WEBHOOK_SECRET, Math.floor(Date.now() / 1000)),
      },
      body: body.replace('"paid"', '"unpaid"'),
    });
    const stale = await fetch(`${t.api.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'stripe-signature': signatureHeader(body, EMULATOR_WEBHOOK_SECRET, 1_000_000_000) },
      body,
    });
    expect([unsigned.status, wrongSecret.status, tampered.status, stale.status]).toEqual([
      400, 400, 400, 400,
    ]);
    expect(await dbSnapshot(t.database.db)).toEqual(before);
    const processed = await t.database.db
      .select()
      .from(processedStripeEvents)
      .where(eq(processedStripeEvents.eventId, 'evt_forged'));
    expect(processed).toEqual([]);
  });
});

describe('refunds', () => {
  it('refund a paid session cancelled before any mechanic accepted it, once', async () => {
    const kim = await t.customer();
    const checkout = await startCheckout(kim);
    await t.emulator.pay(checkout.checkoutSessionId);
    const session = await paidSessionOf(checkout.checkoutSessionId);
    await kim.client.customer.cancelSession.mutate({ sessionId: session.id });

    await waitFor(async () => (await refundsOf(checkout.checkoutSessionId)).length > 0, 'the refund');
    // Running the worker again, and cancelling again, refunds nothing more.
    await t.api.services.refunds.run();
    await expectTRPCError(kim.client.customer.cancelSession.mutate({ sessionId: session.id }), 'CONFLICT');
    await t.api.services.refunds.run();
    const refunds = await refundsOf(checkout.checkoutSessionId);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount: 2900, status: 'succeeded' });
    const [owed] = await t.database.db
      .select()
      .from(stripeRefunds)
      .where(eq(stripeRefunds.stripeCheckoutSessionId, checkout.checkoutSessionId));
    expect(owed).toMatchObject({
      reason: 'session_cancelled',
      sessionId: session.id,
      stripeRefundId: refunds[0]!.id,
    });
  });

  it('refund a paid session that expired unaccepted, and not one a mechanic had accepted', async () => {
    const leo = await t.customer();
    const mia = await t.customer();
    const expiring = await startCheckout(leo);
    const accepted = await startCheckout(mia);
    await t.emulator.pay(expiring.checkoutSessionId);
    await t.emulator.pay(accepted.checkoutSessionId);
    const leoSession = await paidSessionOf(expiring.checkoutSessionId);
    const miaSession = await paidSessionOf(accepted.checkoutSessionId);
    const mechanic = await t.mechanic();
    const { entries } = await mechanic.client.mechanic.queue.query();
    const miaEntry = entries.find((entry) => entry.sessionId === miaSession.id)!;
    await mechanic.client.mechanic.accept.mutate({ assignmentId: miaEntry.assignmentId });

    // Both sessions are made old; the expiry job (pg_cron's or the scheduler's) expires them.
    await t.database.db
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - 3 * 3600_000) })
      .where(eq(sessions.type, 'paid'));
    await t.database.db.execute(sql`SELECT expire_orphaned_sessions()`);
    await t.api.services.refunds.run();

    expect(await refundsOf(expiring.checkoutSessionId)).toHaveLength(1);
    expect(await refundsOf(accepted.checkoutSessionId)).toHaveLength(0);
    const statuses = await t.database.db
      .select({ id: sessions.id, status: sessions.status })
      .from(sessions)
      .where(eq(sessions.type, 'paid'));
    expect(statuses).toEqual(
      expect.arrayContaining([
        { id: leoSession.id, status: 'expired' },
        { id: miaSession.id, status: 'expired' },
      ]),
    );
    // After everything this file did: each paid session from its checkout, no refund twice, each
    // one owed recorded and paid.
    expect(await paymentInvariantViolations(t.database.db, { settled: true })).toEqual({
      paid_session_without_its_checkout: 0,
      paid_session_refunded_twice: 0,
      refund_owed_not_recorded: 0,
      refund_owed_unpaid: 0,
    });
  });
});
