import { announceChange } from '@autodoctor/api-client/changes';
import { Alert } from '@autodoctor/ui/alert';
import { Button } from '@autodoctor/ui/button';
import { Card, CardContent } from '@autodoctor/ui/card';
import { useNow } from '@autodoctor/ui/lib/use-now';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { PaymentWaiting, pollUntil } from '../checkout/payment-waiting.tsx';

/** Back from Stripe after buying credits: wait until they are on the balance. */
export function CreditsSuccessPage() {
  const { checkout_session_id: checkoutSessionId } = useSearch({
    from: '/signed-in/account/credits/success',
  });
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [startedAt] = useState(Date.now);
  const now = useNow();
  const purchase = useQuery(
    trpc.customer.creditPurchase.queryOptions(checkoutSessionId ? { checkoutSessionId } : skipToken, {
      refetchInterval: pollUntil((data) => data?.status === 'completed', startedAt),
    }),
  );
  const completed = purchase.data?.status === 'completed';
  const balance = useQuery(trpc.customer.creditBalance.queryOptions(undefined, { enabled: completed }));

  useEffect(() => {
    if (completed) void announceChange(queryClient, 'creditsAdded');
  }, [completed, queryClient]);

  return (
    <div className="mx-auto grid max-w-xl gap-4">
      <h1 className="text-2xl font-semibold">Buying credits</h1>
      <Card>
        <CardContent className="grid gap-4">
          {!checkoutSessionId || purchase.isError ? (
            <Alert title="We could not find this purchase">
              If you paid, the credits are added to your balance once Stripe confirms the payment.
            </Alert>
          ) : purchase.data?.status === 'completed' ? (
            <Alert tone="success" title={`${purchase.data.credits} credits added`}>
              {balance.data ? `Your balance is now ${balance.data.credits} credits.` : null}
            </Alert>
          ) : (
            <PaymentWaiting startedAt={startedAt} now={now} what="the credits" />
          )}
          <div className="flex flex-wrap gap-2">
            <Button asChild>
              <Link to="/new">Start a session</Link>
            </Button>
            <Button asChild variant="outline">
              <Link to="/account">Back to your account</Link>
            </Button>
          </div>
        </CardContent>
      </Card>
    </div>
  );
}
