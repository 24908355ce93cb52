import { invalidateChange } from '@autodoctor/api-client/changes';
import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { useFeedConnection } from '@autodoctor/ui/lib/use-feed-connection';
import { skipToken, useQueryClient, type SkipToken } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useRef } from 'react';

/** The options `useSubscription` takes; what they deliver is checked at `onData` below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- events are checked through onData; errors are the app's
type SubscriptionOptions = Parameters<typeof useSubscription<any, any>>[0];

/**
 * The part of an app's tRPC options proxy (its `useTRPC()`) this hook uses: the app's typecheck
 * fails where the router's `session.feed` stops fitting it (packages never import the router).
 */
export interface SessionFeedTRPC<TEvent> {
  session: {
    feed: {
      subscriptionOptions: (
        input: { sessionId: string } | SkipToken,
        opts: {
          onData: (tracked: { data: TEvent }) => void;
          onConnectionStateChange: (state: { state: string }) => void;
        },
      ) => SubscriptionOptions;
    };
  };
}

/**
 * Follows one session live (`session.feed`; none while `sessionId` is null). `applyEvent` updates
 * the app's cached session at once, then what depends on it is refetched (the change
 * `sessionChanged`); after a reconnect (the link resumes from the last event id) it is refetched
 * too, so what changed meanwhile shows. Returns the feed's state for the header's indicator.
 */
export function useLiveSession<TEvent>(
  trpc: SessionFeedTRPC<TEvent>,
  sessionId: string | null,
  applyEvent: (event: TEvent) => void,
): ConnectionState | null {
  const queryClient = useQueryClient();
  const wasConnected = useRef(false);

  const refresh = () => void invalidateChange(queryClient, 'sessionChanged');

  const subscription = useSubscription(
    trpc.session.feed.subscriptionOptions(sessionId ? { sessionId } : skipToken, {
      onData: ({ data: event }) => {
        applyEvent(event);
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

  const connection = useFeedConnection(subscription.status);
  return sessionId ? connection : null;
}
