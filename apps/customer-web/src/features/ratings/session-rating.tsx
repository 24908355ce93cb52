import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { Card, CardContent } from '@autodoctor/ui/card';
import { useNow } from '@autodoctor/ui/lib/use-now';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';
import { RatingForm, type GivenRating } from './rating-form.tsx';

const CLOCK_MS = 60_000;

/** After a session with a mechanic ended: the customer's rating of it, changeable for 7 days. */
export function SessionRating({
  sessionId,
  mechanicName,
  rating,
}: {
  sessionId: string;
  mechanicName: string;
  rating: GivenRating | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const now = useNow(CLOCK_MS);
  const rate = useMutation(
    trpc.customer.rateSession.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.customer.session.queryFilter({ sessionId })),
    }),
  );
  return (
    <Card>
      <CardContent className="grid gap-4">
        <h2 className="text-lg font-semibold">Your rating</h2>
        <RatingForm
          // A saved rating comes back with its dates: the form starts again from it.
          key={rating ? rating.createdAt.getTime() : 'new'}
          mechanicName={mechanicName}
          rating={rating}
          onRate={(input) => rate.mutate({ sessionId, ...input })}
          pending={rate.isPending}
          failure={rate.isError ? apiErrorInfo(rate.error) : null}
          saved={rate.isSuccess}
          now={now}
        />
      </CardContent>
    </Card>
  );
}
