import { checkoutIntents, processedStripeEvents, stripeRefunds, type Database } from '@autodoctor/db';
import {
  ActiveSessionConflictError,
  completeCreditPurchase,
  createSessionRecord,
  intakeSchema,
  IntakePhotosNotAvailableError,
  SessionCoreError,
  SESSION_PRICES,
  type CreateSessionInput,
} from '@autodoctor/session-core';
import { z } from 'zod';
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

// What we read of an event and of a Checkout Session: a signed body is still
// only as well-formed as whoever sent it (Stripe, or another tool on the account).
// Stripe's ids and type names are printable ASCII; PostgreSQL text cannot even hold NUL.
const stripeId = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/);
const eventShape = z.object({
  id: stripeId,
  type: stripeId,
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
const checkoutShape = z.object({
  id: stripeId,
  payment_status: z.string().nullish(),
  client_reference_id: z.string().nullish(),
  // What an integer column holds.
  amount_total: z.number().int().nonnegative().max(2_147_483_647).nullish(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .nullish(),
});
type CheckoutFields = z.output<typeof checkoutShape>;
const uuid = z.uuid();

/**
 * Acts on a verified event, safely however often and in whatever order Stripe
 * delivers it: a completed checkout becomes its paid session through the
 * factory (one session per checkout however many deliveries race), or credits
 * its credit pack (once). Anything that is not ours — another event type, a
 * checkout no intake or purchase of ours started (a Payment Link, another tool),
 * an object of an unexpected shape — is acknowledged and ignored: only a
 * failure of ours (e.g. the database) makes Stripe deliver again.
 */
export async function handleStripeEvent(deps: WebhookDeps, received: Stripe.Event): Promise<void> {
  const parsed = eventShape.safeParse(received);
  if (!parsed.success) {
    deps.log.warn({ issues: parsed.error.issues }, 'stripe: an event of an unexpected shape; ignored');
    return;
  }
  const event = parsed.data;
  const [seen] = await deps.db
    .select({ eventId: processedStripeEvents.eventId })
    .from(processedStripeEvents)
    .where(eq(processedStripeEvents.eventId, event.id));
  if (seen) return;

  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const checkout = checkoutShape.safeParse(event.data.object);
      if (checkout.success) await fulfilCheckout(deps, checkout.data);
      else {
        deps.log.warn(
          { eventId: event.id, issues: checkout.error.issues },
          'stripe: a checkout of an unexpected shape; ignored',
        );
      }
      break;
    }
    default:
      // Other events (expired checkouts, refunds) need nothing from us.
      break;
  }
  await deps.db
    .insert(processedStripeEvents)
    .values({ eventId: event.id, type: event.type })
    .onConflictDoNothing();
}

async function fulfilCheckout(deps: WebhookDeps, checkout: CheckoutFields): Promise<void> {
  if (checkout.payment_status !== 'paid') return; // an async payment: its own event follows
  const reference = uuid.safeParse(checkout.client_reference_id);
  if (!reference.success) {
    deps.log.info(
      { checkoutSessionId: checkout.id, clientReferenceId: checkout.client_reference_id ?? null },
      'stripe: a paid checkout that is not ours (no intake or purchase reference); ignored',
    );
    return;
  }
  const paid = { amountCents: checkout.amount_total ?? 0, currency: checkout.currency ?? '' };
  const credited = await completeCreditPurchase(deps.db, {
    creditPurchaseId: reference.data,
    stripeCheckoutSessionId: checkout.id,
    paid,
  });
  if (credited.outcome === 'amount_mismatch') {
    const { amountCents, currency } = credited.purchase;
    logAmountMismatch(deps, checkout.id, { amountCents, currency }, paid);
    await oweRefund(deps, checkout.id, 'amount_mismatch');
    return;
  }
  if (credited.outcome !== 'unknown') {
    if (credited.outcome === 'credited') {
      deps.log.info(
        { checkoutSessionId: checkout.id, credits: credited.purchase.credits },
        'stripe: credit pack credited',
      );
    }
    return;
  }
  const [intent] = await deps.db.select().from(checkoutIntents).where(eq(checkoutIntents.id, reference.data));
  if (!intent || (intent.stripeCheckoutSessionId && intent.stripeCheckoutSessionId !== checkout.id)) {
    deps.log.info(
      { checkoutSessionId: checkout.id, clientReferenceId: reference.data },
      'stripe: a paid checkout that no intake or purchase of ours started; ignored',
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
  const price = SESSION_PRICES.paid;
  if (!paidInFull(price, paid)) {
    logAmountMismatch(deps, checkout.id, price, paid);
    await oweRefund(deps, checkout.id, 'amount_mismatch');
    return;
  }
  const paidSession = {
    type: 'paid' as const,
    customerUserId: intent.customerUserId,
    ...intake.data,
    payment: {
      stripeCheckoutSessionId: checkout.id,
      amountCents: paid.amountCents,
      currency: price.currency,
    },
  };
  try {
    await createPaidSessionWithAvailablePhotos(deps, paidSession);
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

interface Money {
  amountCents: number;
  currency: string;
}

/** Stripe reports currencies in lower case; ours are written in any case. */
const paidInFull = (price: Money, paid: Money) =>
  paid.amountCents === price.amountCents && paid.currency.toLowerCase() === price.currency.toLowerCase();

/** A signed checkout for another amount than we asked: someone changed it outside our API. */
function logAmountMismatch(deps: WebhookDeps, checkoutSessionId: string, price: Money, paid: Money) {
  deps.log.error(
    { checkoutSessionId, expected: { amountCents: price.amountCents, currency: price.currency }, paid },
    'stripe: a checkout paid with another amount or currency than its price; nothing credited, refunding',
  );
}

/**
 * Paid for, the session is made even when photos of its intake were removed (or sent elsewhere)
 * since the checkout began: with the photos still available, each try's transaction all or nothing.
 */
async function createPaidSessionWithAvailablePhotos(
  deps: WebhookDeps,
  paidSession: Extract<CreateSessionInput, { type: 'paid' }>,
): Promise<void> {
  let photoIds = paidSession.photoIds;
  for (let attempt = 1; ; attempt++) {
    try {
      await createSessionRecord(deps.db, { ...paidSession, photoIds });
      return;
    } catch (error) {
      if (!(error instanceof IntakePhotosNotAvailableError)) throw error;
      deps.log.info(
        { checkoutSessionId: paidSession.payment.stripeCheckoutSessionId, photoIds: error.photoIds },
        'stripe: intake photos no longer available; the paid session is made without them',
      );
      const gone = new Set(error.photoIds);
      // Another one may go meanwhile; the third try takes none.
      photoIds = attempt < 2 ? photoIds?.filter((id) => !gone.has(id)) : undefined;
    }
  }
}

async function oweRefund(
  deps: WebhookDeps,
  checkoutSessionId: string,
  reason: 'active_session_conflict' | 'session_not_created' | 'amount_mismatch',
): Promise<void> {
  await deps.db
    .insert(stripeRefunds)
    .values({ stripeCheckoutSessionId: checkoutSessionId, reason })
    .onConflictDoNothing();
  deps.refunds.kick();
}
