import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '../../app/trpc.ts';

/**
 * The customer's quotes waiting for a decision, across their sessions. The quote feed says when one
 * is sent, decided or withdrawn: the list (and that session's quotes) are refetched then, and after
 * a reconnect, so what changed meanwhile shows.
 */
export function useOpenQuotes() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = (sessionId?: string) => {
    void queryClient.invalidateQueries(trpc.customer.openQuotes.queryFilter());
    if (sessionId) void queryClient.invalidateQueries(trpc.customer.sessionQuotes.queryFilter({ sessionId }));
  };
  useSubscription(
    trpc.customer.quoteFeed.subscriptionOptions(undefined, {
      onData: (event) => refresh(event.data.sessionId),
      onConnectionStateChange: (state) => {
        if (state.state === 'pending') refresh();
      },
    }),
  );
  return useQuery(trpc.customer.openQuotes.queryOptions());
}
