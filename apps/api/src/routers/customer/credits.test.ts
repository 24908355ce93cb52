import { creditLedger, creditPurchases } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import { describe, expect, it } from 'vitest';
import type { TestUser } from '../../testing/accounts.ts';
import { dbSnapshot } from '../../testing/db-snapshot.ts';
import { expectTRPCError } from '../../testing/expect-trpc-error.ts';
import { intake } from '../../testing/fixtures.ts';
import { deliverStripeEvent } from '../../testing/stripe-events.ts';
import { useTestApi } from '../../testing/test-api.ts';
import { waitFor } from '../../testing/wait-for.ts';
import { completedEventOf as emulatorCompletedEvent } from '../../testing/stripe-events.ts';

const t = useTestApi();

const completedEventOf = (checkoutSessionId: string) => emulatorCompletedEvent(t.emulator, checkoutSessionId);

async function credited(customer: TestUser, checkoutSessionId: string) {
  return waitFor(async () => {
    const purchase = await customer.client.customer.creditPurchase.query({ checkoutSessionId });
    return purchase.status === 'completed' ? purchase : undefined;
  }, `the credits of ${checkoutSessionId}`);
}

async function purchasesOf(customer: TestUser) {
  return t.database.db
    .select({
      packId: creditPurchases.packId,
      status: creditPurchases.status,
      stripeCheckoutSessionId: creditPurchases.stripeCheckoutSessionId,
    })
    .from(creditPurchases)
    .where(eq(creditPurchases.customerUserId, customer.userId))
    .orderBy(creditPurchases.createdAt);
}

describe('customer.buyCredits', () => {
  it('opens a Stripe checkout for the pack; once paid, the credits arrive (creditPurchase, balance, ledger)', async () => {
    const customer = await t.customer();
    const checkout = await customer.client.customer.buyCredits.mutate({ packId: 'credits_5' });
    expect(checkout.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(await customer.client.customer.creditPurchase.query(checkout)).toEqual({
      status: 'pending',
      packId: 'credits_5',
      credits: 5,
    });
    const page = await (await fetch(checkout.checkoutUrl)).text();
    expect(page).toContain('$119.00');

    const successUrl = await t.emulator.pay(checkout.checkoutSessionId);
    expect(successUrl).toBe(
      `http://localhost:5173/account/credits/success?checkout_session_id=${checkout.checkoutSessionId}`,
    );
    expect(await credited(customer, checkout.checkoutSessionId)).toEqual({
      status: 'completed',
      packId: 'credits_5',
      credits: 5,
    });
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 5 });
    expect(await customer.client.intake.options.query()).toEqual({
      freeSessionAvailable: true,
      credits: 5,
      mechanicsOnline: 0,
    });
    const ledger = await customer.client.customer.creditLedger.query({});
    expect(ledger).toMatchObject({
      items: [{ delta: 5, reason: 'purchase', sessionId: null, packId: 'credits_5', amountCents: 11900 }],
      nextCursor: null,
    });
    expect(ledger.items[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('returns to the cancel page when the customer gives up, crediting nothing', async () => {
    const customer = await t.customer();
    const checkout = await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' });
    expect(await t.emulator.cancel(checkout.checkoutSessionId)).toBe(
      'http://localhost:5173/account/credits/cancelled',
    );
    await t.emulator.webhooksIdle();
    expect(await customer.client.customer.creditPurchase.query(checkout)).toMatchObject({
      status: 'pending',
    });
    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 0 });
  });

  it('credits once however often and in whatever order Stripe delivers the event', async () => {
    const customer = await t.customer();
    const first = await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' });
    const second = await customer.client.customer.buyCredits.mutate({ packId: 'credits_10' });
    await t.emulator.pay(second.checkoutSessionId);
    await t.emulator.pay(first.checkoutSessionId);
    await credited(customer, first.checkoutSessionId);
    await credited(customer, second.checkoutSessionId);
    await t.emulator.webhooksIdle();

    const events = [completedEventOf(first.checkoutSessionId), completedEventOf(second.checkoutSessionId)];
    // The same events again, in a row, at once, and under new event ids racing each other.
    for (const event of events) {
      for (let i = 0; i < 5; i++) expect((await deliverStripeEvent(t.api.url, event)).status).toBe(200);
    }
    const racing = await Promise.all(
      events.flatMap((event) =>
        Array.from({ length: 10 }, (_, i) =>
          deliverStripeEvent(t.api.url, { ...event, id: `${event.id}_${i}` }),
        ),
      ),
    );
    expect(racing.map((response) => response.status)).toEqual(Array(20).fill(200));

    expect(await customer.client.customer.creditBalance.query()).toEqual({ credits: 13 });
    const rows = await t.database.db
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.customerUserId, customer.userId));
    expect(rows.map((row) => row.delta).sort((a, b) => a - b)).toEqual([3, 10]);
  });

  it('hands a pending checkout of the same pack out again: twelve calls in a row open one', async () => {
    const customer = await t.customer();
    const checkouts = [];
    for (let i = 0; i < 12; i++) {
      checkouts.push(await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' }));
    }
    expect(new Set(checkouts.map((c) => `${c.checkoutSessionId} ${c.checkoutUrl}`)).size).toBe(1);
    expect(await purchasesOf(customer)).toEqual([
      { packId: 'credits_3', status: 'pending', stripeCheckoutSessionId: checkouts[0]!.checkoutSessionId },
    ]);
    // Another pack is another checkout; given up on the payment page, the checkout is still open.
    const other = await customer.client.customer.buyCredits.mutate({ packId: 'credits_5' });
    expect(other.checkoutSessionId).not.toBe(checkouts[0]!.checkoutSessionId);
    await t.emulator.cancel(checkouts[0]!.checkoutSessionId);
    expect(await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' })).toEqual(checkouts[0]);
    // Paid: the next purchase of the pack is a new one, and so is one after the checkout nears its end.
    await t.emulator.pay(checkouts[0]!.checkoutSessionId);
    await credited(customer, checkouts[0]!.checkoutSessionId);
    const afterPaying = await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' });
    expect(afterPaying.checkoutSessionId).not.toBe(checkouts[0]!.checkoutSessionId);
    await t.database.sql`
      UPDATE credit_purchases SET checkout_expires_at = now() + interval '10 minutes'
      WHERE stripe_checkout_session_id = ${afterPaying.checkoutSessionId}`;
    const nearingItsEnd = await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' });
    expect(nearingItsEnd.checkoutSessionId).not.toBe(afterPaying.checkoutSessionId);
    expect((await purchasesOf(customer)).length).toBe(4);
  });

  it('opens one checkout for concurrent calls of one customer and pack (decided in PostgreSQL)', async () => {
    const customer = await t.customer();
    const calls = 6; // each holds one of the API's 8 pooled connections while it waits
    // Purchases can be read, not written, until every call is waiting (on this lock or on each
    // other): then they all go at once.
    const { checkouts } = await t.database.sql.begin(async (tx) => {
      await tx`LOCK TABLE credit_purchases IN EXCLUSIVE MODE`;
      const racing = Array.from({ length: calls }, () =>
        customer.client.customer.buyCredits.mutate({ packId: 'credits_10' }),
      );
      await waitFor(async () => {
        const [waiting] = await t.database.sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
          WHERE NOT l.granted AND d.datname = current_database()`;
        return waiting!.n === calls || undefined;
      }, `${calls} purchases waiting`);
      return { checkouts: racing }; // not awaited in here: they wait for this transaction to end
    });
    const answers = await Promise.all(checkouts);
    expect(new Set(answers.map((c) => `${c.checkoutSessionId} ${c.checkoutUrl}`)).size).toBe(1);
    expect(await purchasesOf(customer)).toEqual([
      { packId: 'credits_10', status: 'pending', stripeCheckoutSessionId: answers[0]!.checkoutSessionId },
    ]);
    const page = await (await fetch(answers[0]!.checkoutUrl)).text();
    expect(page).toContain('$219.00');
  });

  it('answers BAD_REQUEST for an unknown pack and writes nothing; customers only', async () => {
    const customer = await t.customer();
    const before = await dbSnapshot(t.database.db);
    await expectTRPCError(
      customer.client.customer.buyCredits.mutate({ packId: 'credits_4' as 'credits_3' }),
      'BAD_REQUEST',
    );
    expect(await dbSnapshot(t.database.db)).toEqual(before);
    await expectTRPCError(t.anonymous.customer.buyCredits.mutate({ packId: 'credits_3' }), 'UNAUTHORIZED');
    const mechanic = await t.mechanic();
    await expectTRPCError(mechanic.client.customer.buyCredits.mutate({ packId: 'credits_3' }), 'FORBIDDEN');
  });
});

describe('customer.creditPurchase', () => {
  it("answers NOT_FOUND for somebody else's purchase or an unknown checkout", async () => {
    const owner = await t.customer();
    const other = await t.customer();
    const checkout = await owner.client.customer.buyCredits.mutate({ packId: 'credits_3' });
    await expectTRPCError(other.client.customer.creditPurchase.query(checkout), 'NOT_FOUND', {
      appCode: 'CREDIT_PURCHASE_NOT_FOUND',
    });
    await expectTRPCError(
      owner.client.customer.creditPurchase.query({ checkoutSessionId: 'cs_test_unknown' }),
      'NOT_FOUND',
    );
    await expectTRPCError(
      owner.client.customer.creditPurchase.query({ checkoutSessionId: '' }),
      'BAD_REQUEST',
    );
  });
});

describe('customer.creditLedger', () => {
  it('pages through every change, newest first; BAD_REQUEST for a foreign cursor or bad limit', async () => {
    const customer = await t.customer();
    const checkout = await customer.client.customer.buyCredits.mutate({ packId: 'credits_3' });
    await t.emulator.pay(checkout.checkoutSessionId);
    await credited(customer, checkout.checkoutSessionId);
    const started = await customer.client.intake.startSession.mutate(intake({ type: 'credit' }));
    if (started.kind !== 'session') throw new Error('expected a session');
    await customer.client.customer.cancelSession.mutate({ sessionId: started.session.id });

    const first = await customer.client.customer.creditLedger.query({ limit: 2 });
    const second = await customer.client.customer.creditLedger.query({ limit: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i) => [i.reason, i.delta, i.sessionId, i.packId])).toEqual([
      ['session_refund', 1, started.session.id, null],
      ['session_debit', -1, started.session.id, null],
      ['purchase', 3, null, 'credits_3'],
    ]);
    // Another customer's ledger is their own.
    expect((await (await t.customer()).client.customer.creditLedger.query({})).items).toEqual([]);
    await expectTRPCError(customer.client.customer.creditLedger.query({ cursor: 'garbage' }), 'BAD_REQUEST', {
      appCode: 'INVALID_SESSION_INPUT',
    });
    await expectTRPCError(customer.client.customer.creditLedger.query({ limit: 0 }), 'BAD_REQUEST');
    await expectTRPCError(customer.client.customer.creditLedger.query({ limit: 51 }), 'BAD_REQUEST');
  });

  it('keeps the balance equal to the sum of the ledger', async () => {
    const [row] = await t.database.db.execute<{ mismatches: number }>(sql`
      SELECT count(*)::int AS mismatches FROM customer_credits c
      WHERE c.balance <> (SELECT coalesce(sum(delta), 0) FROM credit_ledger l
                          WHERE l.customer_user_id = c.customer_user_id)`);
    expect(row?.mismatches).toBe(0);
    const purchases = await t.database.db.select().from(creditPurchases);
    expect(purchases.length).toBeGreaterThan(0);
  });
});
