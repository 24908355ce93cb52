import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { invalidateChange } from '@autodoctor/api-client/changes';
import { skipToken, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useRef } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { useOnline } from '@autodoctor/ui/lib/use-online';

/**
 * Follows one session live (`session.feed`). Each event updates the cached
 * session at once and refetches the customer's views; after a reconnect
 * (httpSubscriptionLink resumes from the last event id) everything is refetched,
 * so what changed meanwhile is shown.
 */
export function useSessionFeed(sessionId: string | null): ConnectionState | null {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const online = useOnline();
  const wasConnected = useRef(false);

  const refreshCustomerViews = () => void invalidateChange(queryClient, 'sessionChanged');

  const subscription = useSubscription(
    trpc.session.feed.subscriptionOptions(sessionId ? { sessionId } : skipToken, {
      onData: ({ data: event }) => {
        queryClient.setQueryData(trpc.customer.session.queryKey({ sessionId: event.sessionId }), (old) =>
          old
            ? {
                ...old,
                status: event.status,
                mechanic: event.mechanicName ? { name: event.mechanicName } : old.mechanic,
              }
            : old,
        );
        refreshCustomerViews();
      },
      onConnectionStateChange: (state) => {
        if (state.state === 'pending') {
          if (wasConnected.current) refreshCustomerViews();
          wasConnected.current = true;
        }
      },
    }),
  );

  if (!sessionId) return null;
  if (!online) return 'offline';
  return subscription.status === 'pending' ? 'live' : 'reconnecting';
}
