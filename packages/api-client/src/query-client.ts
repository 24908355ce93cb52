import { MutationCache, QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { announceChange, changeOfMutation, shareChangesBetweenTabs } from './changes.ts';

/**
 * Retries only what may succeed next time: network failures and server errors, never a 4xx.
 * Every settled mutation refetches what it changed (`CHANGE_EFFECTS`), in this tab and the app's
 * other tabs; a failed one too (a refusal often means the screen was out of date).
 */
export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, error) => failures < 3 && !isClientError(error),
      },
    },
    mutationCache: new MutationCache({
      // Awaited before the mutation's own onSettled and mutateAsync's answer: the next screen reads fresh data.
      onSettled: (_data, _error, _variables, _onMutateResult, mutation) => {
        const change = changeOfMutation(mutation.options.mutationKey);
        return change ? announceChange(queryClient, change) : undefined;
      },
    }),
  });
  shareChangesBetweenTabs(queryClient);
  return queryClient;
}

function isClientError(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  return status !== undefined && status >= 400 && status < 500;
}
