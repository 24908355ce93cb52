import { checkoutIntents, processedStripeEvents, stripeRefunds, type Database } from '@autodoctor/db';
import {
  ActiveSessionConflictError,
  createSessionRecord,
  intakeSchema,
  SessionCoreError,
} from '@autodoctor/session-core';
import { eq } from '@autodoctor/db/orm';
import type Stripe from 'stripe';
import type { Logger } from '../logger.ts';
import type { RefundWorker } from './refund-worker.ts';

export interface WebhookDeps {
  db: Database;
  stripe: Stripe;
  webhookSecret: string;
  refunds: RefundWorker;
  log: Logger;
}

/** The request was not signed by Stripe with our secret: answer 400, write nothing. */
export class WebhookSignatureError extends Error {}

/**
 * Checks a webhook's signature (with the SDK, over the raw body) and returns
 * its event.
 *
 * @throws {WebhookSignatureError} missing or bad signature, or a body that is not an event
 */
export async function verifyStripeEvent(
  deps: Pick<WebhookDeps, 'stripe' | 'webhookSecret'>,
  rawBody: string,
  signature: string | undefined,
): Promise<Stripe.Event> {
  if (!signature) throw new WebhookSignatureError('Missing Stripe-Signature header');
  try {
    return await deps.stripe.webhooks.constructEventAsync(rawBody, signature, deps.webhookSecret);
  } catch (error) {
    throw new WebhookSignatureError(error instanceof Error ? error.message : 'Invalid signature');
  }
}

/**
 * Acts on a verified event, safely however often and in whatever order Stripe
 * delivers it: a completed checkout becomes its paid session through the
 * factory, which makes one session per checkout however many deliveries race.
 */
export async function handleStripeEvent(deps: WebhookDeps, event: Stripe.Event): Promise<void> {
  const [seen] = await deps.db
    .select({ eventId: processedStripeEvents.eventId })
    .from(processedStripeEvents)
    .where(eq(processedStripeEvents.eventId, event.id));
  if (seen) return;

  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      await fulfilCheckout(deps, event.data.object);
      break;
    default:
      // Other events (expired checkouts, refunds) need nothing from us.
      break;
  }
  await deps.db
    .insert(processedStripeEvents)
    .values({ eventId: event.id, type: event.type })
    .onConflictDoNothing();
}

async function fulfilCheckout(deps: WebhookDeps, checkout: Stripe.Checkout.Session): Promise<void> {
  if (checkout.payment_status !== 'paid') return; // an async payment: its own event follows
  const intentId = checkout.client_reference_id;
  const [intent] = intentId
    ? await deps.db.select().from(checkoutIntents).where(eq(checkoutIntents.id, intentId))
    : [];
  if (!intent) {
    deps.log.warn(
      { checkoutSessionId: checkout.id },
      'stripe: a paid checkout that no intake started; ignored',
    );
    return;
  }
  const intake = intakeSchema.safeParse({
    ...intent.intake,
    // Paid after the chosen start: the session starts now instead.
    scheduledFor:
      typeof intent.intake.scheduledFor === 'string' && Date.parse(intent.intake.scheduledFor) > Date.now()
        ? intent.intake.scheduledFor
        : undefined,
  });
  if (!intake.success) {
    // Cannot happen for an intake the API accepted, unless the rules changed meanwhile: never keep the money.
    deps.log.error(
      { checkoutSessionId: checkout.id, issues: intake.error.issues },
      'stripe: paid intake is invalid',
    );
    await oweRefund(deps, checkout.id, 'session_not_created');
    return;
  }
  try {
    await createSessionRecord(deps.db, {
      type: 'paid',
      customerUserId: intent.customerUserId,
      ...intake.data,
      payment: {
        stripeCheckoutSessionId: checkout.id,
        amountCents: checkout.amount_total ?? 0,
        currency: checkout.currency ?? 'usd',
      },
    });
  } catch (error) {
    if (error instanceof ActiveSessionConflictError) {
      // Paid while another session was active: the money goes back.
      deps.log.info(
        { checkoutSessionId: checkout.id, activeSessionId: error.activeSessionId },
        'stripe: payment for a customer with an active session; refunding',
      );
      await oweRefund(deps, checkout.id, 'active_session_conflict');
    } else if (error instanceof SessionCoreError) {
      deps.log.error(
        { err: error, checkoutSessionId: checkout.id },
        'stripe: paid session refused; refunding',
      );
      await oweRefund(deps, checkout.id, 'session_not_created');
    } else {
      throw error; // e.g. the database is down: Stripe delivers again later
    }
  }
}

async function oweRefund(
  deps: WebhookDeps,
  checkoutSessionId: string,
  reason: 'active_session_conflict' | 'session_not_created',
): Promise<void> {
  await deps.db
    .insert(stripeRefunds)
    .values({ stripeCheckoutSessionId: checkoutSessionId, reason })
    .onConflictDoNothing();
  deps.refunds.kick();
}
