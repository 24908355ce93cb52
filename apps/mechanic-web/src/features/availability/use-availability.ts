import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { MECHANIC_PRESENCE } from '@autodoctor/session-core/rules';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { toast } from '@autodoctor/ui/lib/toast';
import { useTRPC } from '../../app/trpc.ts';

/**
 * Whether the mechanic is taking new sessions. The database knows it (any API
 * instance answers the same); a mechanic whose app stops sending heartbeats
 * (useAvailabilityHeartbeat) counts as offline by itself.
 */
export function useAvailability() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const availability = useQuery(trpc.mechanic.availability.queryOptions());
  const key = trpc.mechanic.availability.queryKey();

  const change = useMutation(
    trpc.mechanic.setAvailability.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(key, next),
      onError: (error) => toast.error(`Your availability was not changed. ${apiErrorInfo(error).message}`),
    }),
  );
  return {
    online: availability.data?.online ?? false,
    loaded: availability.isSuccess,
    changing: change.isPending,
    setOnline: (next: boolean) => change.mutate({ online: next }),
  };
}

/** While the mechanic is online, tells the API every heartbeat that the app is still open (call once). */
export function useAvailabilityHeartbeat(online: boolean): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { mutate: beat } = useMutation(
    trpc.mechanic.heartbeat.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.mechanic.availability.queryKey(), next),
    }),
  );
  useEffect(() => {
    if (!online) return;
    beat();
    const timer = setInterval(() => beat(), MECHANIC_PRESENCE.heartbeatMs);
    return () => clearInterval(timer);
  }, [online, beat]);
}
