import { REFRESH_INTERVALS } from '@autodoctor/ui/lib/intervals';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/** The session that occupies the customer now, refreshed every 30 s (and at once by live events). */
export function useActiveSession() {
  const trpc = useTRPC();
  return useQuery(
    trpc.customer.activeSession.queryOptions(undefined, {
      refetchInterval: REFRESH_INTERVALS.activeSessionMs,
    }),
  );
}
