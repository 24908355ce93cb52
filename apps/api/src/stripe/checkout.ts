import { checkoutIntents, roomPhotos, type Database } from '@autodoctor/db';
import {
  ActiveSessionConflictError,
  findActiveSession,
  IntakePhotosNotAvailableError,
  SESSION_PRICES,
  type intakeSchema,
} from '@autodoctor/session-core';
import type { z } from 'zod';
import { and, eq, inArray, isNull } from '@autodoctor/db/orm';
import type Stripe from 'stripe';

export interface PaidCheckout {
  checkoutSessionId: string;
  /** Stripe's hosted payment page. */
  checkoutUrl: string;
}

/**
 * Starts a paid session: keeps the intake, opens a Stripe Checkout Session for
 * the price of a paid session and returns its URL. The session itself is made
 * by the webhook once Stripe reports the payment (see handleStripeEvent).
 *
 * @throws {ActiveSessionConflictError} the customer already has an active session
 * @throws {IntakePhotosNotAvailableError} a photo of the intake is not the customer's unattached upload
 */
export async function startPaidCheckout(
  deps: { db: Database; stripe: Stripe },
  input: {
    customer: { id: string; email: string };
    intake: z.output<typeof intakeSchema>;
    successUrl: string;
    cancelUrl: string;
  },
): Promise<PaidCheckout> {
  // A courtesy check so nobody pays for a session they cannot have; the unique
  // index decides for real when the webhook creates it (and a refund follows).
  const active = await findActiveSession(deps.db, { userId: input.customer.id, role: 'customer' });
  if (active) throw new ActiveSessionConflictError(active.id);
  // Courtesy too: the photos are attached when the session is made (or, gone by then, left out).
  const photoIds = input.intake.photoIds ?? [];
  if (photoIds.length > 0) {
    const available = await deps.db
      .select({ id: roomPhotos.id })
      .from(roomPhotos)
      .where(
        and(
          inArray(roomPhotos.id, photoIds),
          eq(roomPhotos.uploaderUserId, input.customer.id),
          isNull(roomPhotos.sessionId),
          isNull(roomPhotos.entryId),
        ),
      );
    const found = new Set(available.map((photo) => photo.id));
    const missing = photoIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw new IntakePhotosNotAvailableError(missing);
  }

  const [intent] = await deps.db
    .insert(checkoutIntents)
    .values({
      customerUserId: input.customer.id,
      intake: JSON.parse(JSON.stringify(input.intake)) as Record<string, unknown>,
    })
    .returning({ id: checkoutIntents.id });
  const price = SESSION_PRICES.paid;
  const checkout = await deps.stripe.checkout.sessions.create(
    {
      mode: 'payment',
      client_reference_id: intent!.id,
      customer_email: input.customer.email,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: price.currency,
            unit_amount: price.amountCents,
            product_data: { name: 'AutoDoctor consultation' },
          },
        },
      ],
      metadata: { checkoutIntentId: intent!.id, customerUserId: input.customer.id },
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
    },
    { idempotencyKey: `checkout-intent-${intent!.id}` },
  );
  await deps.db
    .update(checkoutIntents)
    .set({ stripeCheckoutSessionId: checkout.id })
    .where(eq(checkoutIntents.id, intent!.id));
  return { checkoutSessionId: checkout.id, checkoutUrl: checkout.url! };
}
