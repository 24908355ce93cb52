import { announceChange } from '@autodoctor/api-client/changes';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { Card, CardContent } from '@autodoctor/ui/card';
import { useNow } from '@autodoctor/ui/lib/use-now';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { clearIntakeDraft } from '../intake/intake-draft.ts';
import { PaymentWaiting, pollUntil } from './payment-waiting.tsx';

/** Back from Stripe: wait for the payment to become a session, then show it. */
export function CheckoutSuccessPage() {
  const { checkout_session_id: checkoutSessionId } = useSearch({ from: '/signed-in/checkout/success' });
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [startedAt] = useState(Date.now);
  const now = useNow();
  const status = useQuery(
    trpc.customer.checkoutStatus.queryOptions(checkoutSessionId ? { checkoutSessionId } : skipToken, {
      refetchInterval: pollUntil(
        (data) => data !== undefined && data.status !== 'awaiting_payment',
        startedAt,
      ),
    }),
  );
  const sessionId = status.data?.status === 'session_created' ? status.data.sessionId : null;

  useEffect(() => {
    if (!sessionId) return;
    clearIntakeDraft();
    void announceChange(queryClient, 'paidSessionCreated');
    void navigate({ to: '/sessions/$sessionId', params: { sessionId }, replace: true });
  }, [sessionId, navigate, queryClient]);

  return (
    <div className="mx-auto grid max-w-xl gap-4">
      <h1 className="text-2xl font-semibold">Payment</h1>
      <Card>
        <CardContent className="grid gap-4">
          {!checkoutSessionId || status.isError ? (
            <Alert title="We could not find this payment">
              If you paid, your session appears on your dashboard once Stripe confirms it.
            </Alert>
          ) : status.data?.status === 'not_created' ? (
            <Alert title="Your payment could not start a session">
              You already had an active session, so this payment {status.data.refunded ? 'was' : 'is being'}{' '}
              refunded in full.
            </Alert>
          ) : (
            <PaymentWaiting startedAt={startedAt} now={now} what="your session" />
          )}
          <Button asChild variant="outline" className="justify-self-start">
            <Link to="/">Go to your dashboard</Link>
          </Button>
        </CardContent>
      </Card>
    </div>
  );
}
