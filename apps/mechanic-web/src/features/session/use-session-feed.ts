import {
  QUOTE_EVENT_TYPES,
  type QuoteEventType,
  type SessionEventType,
} from '@autodoctor/session-core/rules';
import { useLiveSession } from '@autodoctor/app-shell/hooks/use-live-session';
import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/**
 * Follows one session live (useLiveSession): each event updates the cached session's status at
 * once, and what depends on it (the banner, the timeline, the history) is refetched; a quote's
 * event (sent, approved, declined, withdrawn) refetches the session's quotes.
 */
export function useSessionFeed(sessionId: string | null): ConnectionState | null {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useLiveSession(trpc, sessionId, (event) => {
    queryClient.setQueryData(trpc.mechanic.session.queryKey({ sessionId: event.sessionId }), (old) =>
      old ? { ...old, status: event.status } : old,
    );
    if (isQuoteEvent(event.type)) {
      void queryClient.invalidateQueries(
        trpc.mechanic.sessionQuotes.queryFilter({ sessionId: event.sessionId }),
      );
    }
  });
}

function isQuoteEvent(type: SessionEventType): type is QuoteEventType {
  return (QUOTE_EVENT_TYPES as readonly SessionEventType[]).includes(type);
}
