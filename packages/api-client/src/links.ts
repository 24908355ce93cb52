import { httpBatchLink, httpSubscriptionLink, retryLink, splitLink, type TRPCLink } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import superjson from 'superjson';
import { API_BATCH_MAX_CALLS } from './limits.ts';

// Answers that another try cannot change.
const NOT_RETRIED: ReadonlySet<string> = new Set<TRPC_ERROR_CODE_KEY>([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
]);

/**
 * Queries and mutations over batched HTTP, subscriptions over SSE, both on the
 * app's own origin (which forwards `/trpc` to the API).
 */
export function apiLinks<TRouter extends AnyTRPCRouter>(): TRPCLink<TRouter>[] {
  // The API's transformer is superjson (apps/api/src/trpc/init.ts); TypeScript cannot
  // check that against a router it does not know here, so the options are asserted.
  const options = { url: '/trpc', transformer: superjson } as never;
  return [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: [
        // EventSource gives up on an error answer (a 502 while the API restarts, say):
        // keep trying, backing off to 10 s, and resume from the last tracked event id.
        retryLink({
          retry: ({ error }) =>
            !NOT_RETRIED.has(String((error.data as { code?: unknown } | undefined)?.code)),
          retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 10_000),
        }),
        httpSubscriptionLink(options),
      ],
      // The API refuses larger batches: more calls at once go as several requests.
      false: httpBatchLink({ ...(options as object), maxItems: API_BATCH_MAX_CALLS } as never),
    }),
  ];
}
