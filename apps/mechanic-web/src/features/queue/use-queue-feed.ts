import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { useFeedConnection } from '@autodoctor/ui/lib/use-feed-connection';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../../app/trpc.ts';
import { applyQueueEvent, clockOffsetMs, type QueueData, type QueueItem } from './queue-model.ts';
import { queueQueryOptions } from './queue-query.ts';

/**
 * Keeps the cached queue live: reads the snapshot, then follows `mechanic.queueFeed`
 * from the snapshot's lastEventId. After a drop the link resumes from the last
 * event it saw, so what changed meanwhile is applied and nothing is missed.
 * `onNewSession` hears of each session that joins the queue while the app is open.
 */
export function useQueueFeed(onNewSession: (entry: QueueItem) => void): {
  connection: ConnectionState;
  clockOffsetMs: number;
} {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Only the snapshot's position matters here: the layout does not re-render on every queue change.
  const queue = useQuery({ ...queueQueryOptions(trpc), select: (data) => data.lastEventId });
  const queueKey = trpc.mechanic.queue.queryKey();

  // Measured when a snapshot arrives (only a fetch moves lastEventId; feed events keep it).
  const [offset, setOffset] = useState(0);
  const snapshotPosition = queue.data;
  useEffect(() => {
    const entries = queryClient.getQueryData<QueueData>(queueKey)?.entries;
    if (entries) setOffset(clockOffsetMs(entries, Date.now()));
    // Once per snapshot, not on every feed event.
  }, [snapshotPosition]);

  const subscription = useSubscription(
    trpc.mechanic.queueFeed.subscriptionOptions(
      queue.isSuccess ? { lastEventId: queue.data ?? undefined } : skipToken,
      {
        onData: ({ data: event }) => {
          let joined: QueueItem | undefined;
          queryClient.setQueryData<QueueData>(queueKey, (old) => {
            if (!old) return old;
            const entries = applyQueueEvent(old.entries, event, Date.now());
            if (event.type === 'new_assignment' && entries.length > old.entries.length) {
              joined = entries.find((entry) => entry.assignmentId === event.entry.assignmentId);
            }
            return { ...old, entries };
          });
          // A scheduled session that came due leaves the upcoming list (other new sessions were never in it).
          if (event.type === 'new_assignment') {
            const upcoming = queryClient.getQueryData(trpc.mechanic.upcoming.queryKey());
            if (upcoming?.entries.some((entry) => entry.sessionId === event.entry.sessionId)) {
              void queryClient.invalidateQueries(trpc.mechanic.upcoming.queryFilter());
            }
          }
          if (joined) onNewSession(joined);
        },
      },
    ),
  );

  const connection = useFeedConnection(subscription.status);
  return { connection, clockOffsetMs: offset };
}
