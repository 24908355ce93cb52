import type { QueryClient } from '@tanstack/react-query';
import type { useTRPC } from '../../app/trpc.ts';

/**
 * Refetches what shows a session of the mechanic's: the banner, the session, its
 * timeline, the history. Not the queue: the live feed keeps it, and a refetched
 * snapshot could be older than events already applied.
 */
export function refreshSessionViews(queryClient: QueryClient, trpc: ReturnType<typeof useTRPC>): void {
  for (const filter of [
    trpc.mechanic.activeSession.queryFilter(),
    trpc.mechanic.session.pathFilter(),
    trpc.mechanic.history.pathFilter(),
    trpc.session.timeline.pathFilter(),
  ]) {
    void queryClient.invalidateQueries(filter);
  }
}
