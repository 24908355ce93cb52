import { createSessionRecord, toSessionView, type SessionView } from '@autodoctor/session-core';
import type { AuthedContext } from '../../trpc/context.ts';
import { startPaidCheckout } from '../../stripe/checkout.ts';
import type { StartSessionInput } from './start-session.schema.ts';

export type StartSessionResult =
  | { kind: 'session'; session: SessionView }
  /** Paid: pay on Stripe's page; the session appears once the payment is confirmed. */
  | { kind: 'checkout'; checkoutUrl: string; checkoutSessionId: string };

export async function startSessionHandler(options: {
  ctx: AuthedContext<'customer'>;
  input: StartSessionInput;
}): Promise<StartSessionResult> {
  const { ctx, input } = options;
  const { type, ...intake } = input;
  if (type === 'paid') {
    const appUrl = ctx.config.CUSTOMER_APP_URL;
    const checkout = await startPaidCheckout(ctx, {
      customer: ctx.user,
      intake,
      successUrl: `${appUrl}/checkout/success?checkout_session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${appUrl}/checkout/cancelled`,
    });
    return { kind: 'checkout', ...checkout };
  }
  const { session, intakePhotos } = await createSessionRecord(ctx.db, {
    type,
    customerUserId: ctx.user.id,
    ...intake,
  });
  return { kind: 'session', session: toSessionView({ ...session, intakePhotos }) };
}
