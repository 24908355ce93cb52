import type { UseMutationOptions } from '@tanstack/react-query';
import type { useSubscription } from '@trpc/tanstack-react-query';
import type { RoomFeedEvent } from '../hooks/use-room-transcript.ts';
import type { RoomFeedEntry } from '../model/room-entry.ts';

/** The options `useSubscription` takes; what they deliver is checked at `onData` below. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- events are checked through onData; errors are the app's
type SubscriptionOptions = Parameters<typeof useSubscription<any, any>>[0];

/**
 * A mutation's options as the hooks read them: the app's procedure must take `TVariables` and
 * return a `TData` (only `mutationFn` is named: the rest of tRPC's options would pin the types exactly).
 */
type MutationOptions<TData, TVariables> = Pick<UseMutationOptions<TData, unknown, TVariables>, 'mutationFn'>;

/**
 * The part of an app's tRPC options proxy (its `useTRPC()`) that the room's hooks use. Packages
 * never import the API's router: each app hands its own proxy in, and its typecheck fails where
 * the router's `room` procedures stop fitting these shapes.
 */
export interface RoomTRPC {
  room: {
    feed: {
      subscriptionOptions: (
        input: { sessionId: string },
        opts: { onStarted: () => void; onData: (event: RoomFeedEvent) => void },
      ) => SubscriptionOptions;
    };
    send: {
      mutationOptions: () => MutationOptions<
        RoomFeedEntry,
        { sessionId: string; clientMessageId: string; body: string; photoIds: string[] }
      >;
    };
    markRead: { mutationOptions: () => MutationOptions<unknown, { sessionId: string; upToId: string }> };
    typing: { mutationOptions: () => MutationOptions<unknown, { sessionId: string }> };
  };
}
