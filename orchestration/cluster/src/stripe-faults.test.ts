import { invariantViolations, NO_VIOLATIONS } from '@autodoctor/db/testing';
import { processedStripeEvents, sessions, stripeRefunds } from '@autodoctor/db';
import { eq, sql } from '@autodoctor/db/orm';
import { signatureHeader } from '@autodoctor/stripe-emulator';
import { expect, it } from 'vitest';
import { EMULATOR_WEBHOOK_SECRET } from '@autodoctor/api';
import type { TestUser } from '@autodoctor/api/testing/accounts';
import { summary, intake } from '@autodoctor/api/testing/fixtures';
import { describeWithNginx, useTestCluster } from './test-cluster.ts';
import { waitFor } from '@autodoctor/api/testing/wait-for';
import { completedEventOf as emulatorCompletedEvent } from '@autodoctor/api/testing/stripe-events';

const t = useTestCluster();

async function startCheckout(customer: TestUser) {
  const result = await customer.client.intake.startSession.mutate(intake({ type: 'paid' }));
  if (result.kind !== 'checkout') throw new Error('expected a checkout');
  return result.checkoutSessionId;
}

const sessionsOf = (checkoutSessionId: string) =>
  t.database.db.select().from(sessions).where(eq(sessions.stripeCheckoutSessionId, checkoutSessionId));

const completedEventOf = (checkoutSessionId: string) => emulatorCompletedEvent(t.emulator, checkoutSessionId);

/** Delivers an event through nginx as Stripe would (round-robin: each copy may reach another instance). */
function deliver(event: unknown) {
  const body = JSON.stringify(event);
  return fetch(`${t.cluster.url}/webhooks/stripe`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': signatureHeader(body, EMULATOR_WEBHOOK_SECRET, Math.floor(Date.now() / 1000)),
    },
    body,
  });
}

describeWithNginx('the Stripe webhook behind nginx, under faults', () => {
  it('fails half-way (after the session was written), then Stripe retries: exactly one session', async () => {
    const { db } = t.database;
    // The fault: recording the event as processed fails once, after its session committed — as when
    // the connection drops between the two. A sequence, because it is not rolled back with the error.
    await db.execute(sql`CREATE SEQUENCE webhook_fault`);
    await db.execute(sql`
      CREATE FUNCTION webhook_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'checkout.session.completed' AND nextval('webhook_fault') = 1 THEN
          RAISE EXCEPTION 'injected fault: connection lost after the session insert';
        END IF;
        RETURN NEW;
      END $$`);
    await db.execute(sql`
      CREATE TRIGGER webhook_fault BEFORE INSERT ON processed_stripe_events
      FOR EACH ROW EXECUTE FUNCTION webhook_fault()`);
    try {
      const customer = await t.customer();
      const checkoutSessionId = await startCheckout(customer);
      await t.emulator.pay(checkoutSessionId);
      const event = completedEventOf(checkoutSessionId);
      await waitFor(async () => {
        const [processed] = await db
          .select()
          .from(processedStripeEvents)
          .where(eq(processedStripeEvents.eventId, event.id));
        return processed;
      }, 'the retried delivery to be processed');
      await t.emulator.webhooksIdle();

      const attempts = t.emulator.deliveries().filter((delivery) => delivery.eventId === event.id);
      expect(attempts.map((delivery) => delivery.statusCode)).toEqual([500, 200]);
      expect(await sessionsOf(checkoutSessionId)).toHaveLength(1);
      expect(await db.select().from(stripeRefunds)).toEqual([]);
    } finally {
      await db.execute(sql`DROP TRIGGER webhook_fault ON processed_stripe_events`);
      await db.execute(sql`DROP FUNCTION webhook_fault()`);
      await db.execute(sql`DROP SEQUENCE webhook_fault`);
    }
  });

  it('makes one session per checkout of deliveries duplicated across instances, reordered and delayed', async () => {
    const { db } = t.database;
    const [first, second] = [await t.customer(), await t.customer()];
    const checkouts = [await startCheckout(first), await startCheckout(second)];
    for (const checkout of checkouts) await t.emulator.pay(checkout);
    await t.emulator.webhooksIdle();
    const events = checkouts.map(completedEventOf);

    // Reordered (the second checkout's event first), each under a fresh id and three times at once:
    // the copies race on different instances.
    const copies = [...events]
      .reverse()
      .flatMap((event) => [0, 1, 2].map((i) => ({ ...event, id: `${event.id}_copy_${i}` })));
    const responses = await Promise.all(copies.map(deliver));
    expect(responses.map((response) => response.status)).toEqual(copies.map(() => 200));

    // Delayed: an old delivery arriving after the session went on (accepted, live, ended).
    const mechanic = await t.mechanic();
    const [session] = await sessionsOf(checkouts[0]!);
    const queue = await mechanic.client.mechanic.queue.query();
    const entry = queue.entries.find((e) => e.sessionId === session!.id)!;
    await mechanic.client.mechanic.accept.mutate({ assignmentId: entry.assignmentId });
    await mechanic.client.mechanic.startSession.mutate({ sessionId: session!.id });
    await mechanic.client.mechanic.endSession.mutate({ sessionId: session!.id, summary: summary() });
    expect((await deliver({ ...events[0]!, id: `${events[0]!.id}_late` })).status).toBe(200);
    // … and a checkout's expiry event after its completion (Stripe does not promise an order).
    const expiredLate = { ...events[1]!, id: `${events[1]!.id}_expired`, type: 'checkout.session.expired' };
    expect((await deliver(expiredLate)).status).toBe(200);

    for (const checkout of checkouts) expect(await sessionsOf(checkout)).toHaveLength(1);
    const [ended] = await sessionsOf(checkouts[0]!);
    expect(ended!.status).toBe('ended');
    expect(await db.select().from(stripeRefunds)).toEqual([]);
    expect(await invariantViolations(db)).toEqual(NO_VIOLATIONS);
  });
});
