import { invalidateChange } from '@autodoctor/api-client/changes';
import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { useOnline } from '@autodoctor/ui/lib/use-online';
import { skipToken, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useRef } from 'react';
import { useTRPC } from '../../app/trpc.ts';

/**
 * Follows one session live (`session.feed`): each event updates the cached
 * session at once and refetches what depends on it (the banner, the timeline,
 * the history); after a reconnect everything is refetched.
 */
export function useSessionFeed(sessionId: string | null): ConnectionState | null {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const online = useOnline();
  const wasConnected = useRef(false);

  const refresh = () => void invalidateChange(queryClient, 'sessionChanged');

  const subscription = useSubscription(
    trpc.session.feed.subscriptionOptions(sessionId ? { sessionId } : skipToken, {
      onData: ({ data: event }) => {
        queryClient.setQueryData(trpc.mechanic.session.queryKey({ sessionId: event.sessionId }), (old) =>
          old ? { ...old, status: event.status } : old,
        );
        refresh();
      },
      onConnectionStateChange: (state) => {
        if (state.state === 'pending') {
          if (wasConnected.current) refresh();
          wasConnected.current = true;
        }
      },
    }),
  );

  if (!sessionId) return null;
  if (!online) return 'offline';
  return subscription.status === 'pending' ? 'live' : 'reconnecting';
}
