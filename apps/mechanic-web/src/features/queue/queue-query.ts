import type { useTRPC } from '../../app/trpc.ts';

/**
 * The queue snapshot. It is read once and then kept current by the live feed
 * (use-queue-feed.ts); a refetch could bring back a snapshot older than an event
 * already applied, so it never refetches on its own.
 */
export function queueQueryOptions(trpc: ReturnType<typeof useTRPC>) {
  return trpc.mechanic.queue.queryOptions(undefined, {
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
