import { useLiveSession } from '@autodoctor/app-shell/hooks/use-live-session';
import {
  QUOTE_EVENT_TYPES,
  type QuoteEventType,
  type SessionEventType,
} from '@autodoctor/session-core/rules';
import type { ConnectionState } from '@autodoctor/ui/connection-indicator';
import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';

/**
 * Follows one session live (useLiveSession): each event updates the cached session at once (its
 * status, and the mechanic once one accepts), and the customer's views are refetched; a quote's
 * event (sent, approved, declined, withdrawn) refetches the session's quotes.
 */
export function useSessionFeed(sessionId: string | null): ConnectionState | null {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useLiveSession(trpc, sessionId, (event) => {
    queryClient.setQueryData(trpc.customer.session.queryKey({ sessionId: event.sessionId }), (old) =>
      old
        ? {
            ...old,
            status: event.status,
            mechanic: event.mechanicName ? { name: event.mechanicName } : old.mechanic,
          }
        : old,
    );
    if (isQuoteEvent(event.type)) {
      void queryClient.invalidateQueries(
        trpc.customer.sessionQuotes.queryFilter({ sessionId: event.sessionId }),
      );
    }
  });
}

function isQuoteEvent(type: SessionEventType): type is QuoteEventType {
  return (QUOTE_EVENT_TYPES as readonly SessionEventType[]).includes(type);
}
