import { apiErrorInfo } from '@autodoctor/api-client/api-error';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.ts';
import type { QuoteDeciding } from './quote-card.tsx';

/** The session's sent quotes, every version (drafts never reach the customer); its feed refetches them. */
export function useSessionQuotes(sessionId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.customer.sessionQuotes.queryOptions({ sessionId }));
}

/**
 * Deciding a quote version. The answer refetches the session's quotes, also on a refusal: a quote
 * that expired, was withdrawn or replaced meanwhile then shows where it stands.
 */
export function useDecideQuote(sessionId: string): QuoteDeciding {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const decide = useMutation(
    trpc.customer.decideQuote.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.customer.sessionQuotes.queryFilter({ sessionId })),
    }),
  );
  return {
    decide: (decision) => decide.mutate(decision),
    pendingQuoteId: decide.isPending ? decide.variables.quoteId : null,
    failure: decide.isError ? { quoteId: decide.variables.quoteId, info: apiErrorInfo(decide.error) } : null,
  };
}
