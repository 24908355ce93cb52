import { LoadingState } from '@autodoctor/ui/loading-state';
import { Alert } from '@autodoctor/ui/alert';
import { REFRESH_INTERVALS } from '@autodoctor/ui/lib/intervals';

/** How long a return page waits for Stripe's confirmation before saying it is taking long. */
export const PAYMENT_CONFIRMATION_PATIENCE_MS = 60_000;

/** `refetchInterval` for a query that waits for a payment to be confirmed. */
export function pollUntil<T>(isDone: (data: T | undefined) => boolean, startedAt: number) {
  return (query: { state: { data: T | undefined } }) =>
    isDone(query.state.data) || Date.now() - startedAt > PAYMENT_CONFIRMATION_PATIENCE_MS
      ? false
      : REFRESH_INTERVALS.paymentConfirmationMs;
}

/** What a return page shows while the payment is not confirmed yet. */
export function PaymentWaiting({ startedAt, now, what }: { startedAt: number; now: number; what: string }) {
  if (now - startedAt > PAYMENT_CONFIRMATION_PATIENCE_MS) {
    return (
      <Alert tone="info" title="Your payment is taking longer than usual to confirm">
        Nothing is lost: {what} appears on your dashboard as soon as Stripe confirms the payment. You can
        leave this page.
      </Alert>
    );
  }
  return <LoadingState label="Payment received. Confirming it with Stripe…" />;
}
