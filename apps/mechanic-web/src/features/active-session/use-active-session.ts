import { REFRESH_INTERVALS } from '@autodoctor/ui/lib/intervals';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/** The session the mechanic has accepted and not finished, refreshed every 30 s (and by live events). */
export function useActiveSession() {
  const trpc = useTRPC();
  return useQuery(
    trpc.mechanic.activeSession.queryOptions(undefined, {
      refetchInterval: REFRESH_INTERVALS.activeSessionMs,
    }),
  );
}
