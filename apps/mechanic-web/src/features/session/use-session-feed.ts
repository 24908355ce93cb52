import { useLiveSession } from '@autodoctor/app-shell/hooks/use-live-session';
import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/**
 * Follows one session live (useLiveSession): each event updates the cached session's status at
 * once, and what depends on it (the banner, the timeline, the history, the session's quotes: a
 * `quote_*` event is the customer's decision arriving) is refetched.
 */
export function useSessionFeed(sessionId: string | null): ConnectionState | null {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useLiveSession(trpc, sessionId, (event) =>
    queryClient.setQueryData(trpc.mechanic.session.queryKey({ sessionId: event.sessionId }), (old) =>
      old ? { ...old, status: event.status } : old,
    ),
  );
}
