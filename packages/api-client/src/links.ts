import { httpBatchLink, httpSubscriptionLink, retryLink, splitLink, type TRPCLink } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
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

/** What the app does when the API says its sign-in is over. */
export interface ApiLinkOptions {
  /**
   * Called when any call (a query, a mutation, a feed's reconnect) is answered UNAUTHORIZED: the
   * sign-in ended elsewhere (signed out everywhere, an account disabled by an operator).
   */
  onSignInEnded?: () => void;
}

/** Passes every answer on, and tells `onSignInEnded` of an UNAUTHORIZED one. */
export function signInEndedLink<TRouter extends AnyTRPCRouter>(onSignInEnded: () => void): TRPCLink<TRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (value) => observer.next(value),
          error: (error) => {
            if ((error.data as { code?: unknown } | undefined)?.code === 'UNAUTHORIZED') onSignInEnded();
            observer.error(error);
          },
          complete: () => observer.complete(),
        }),
      );
}

/**
 * Queries and mutations over batched HTTP, subscriptions over SSE, both on the
 * app's own origin (which forwards `/trpc` to the API).
 */
export function apiLinks<TRouter extends AnyTRPCRouter>(options: ApiLinkOptions = {}): TRPCLink<TRouter>[] {
  // The API's transformer is superjson (apps/api/src/trpc/init.ts); TypeScript cannot
  // check that against a router it does not know here, so the options are asserted.
  const http = { url: '/trpc', transformer: superjson } as never;
  return [
    ...(options.onSignInEnded ? [signInEndedLink<TRouter>(options.onSignInEnded)] : []),
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
        httpSubscriptionLink(http),
      ],
      // The API refuses larger batches: more calls at once go as several requests.
      false: httpBatchLink({ ...(http as object), maxItems: API_BATCH_MAX_CALLS } as never),
    }),
  ];
}
