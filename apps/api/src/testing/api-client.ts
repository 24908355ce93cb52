import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import type { AppRouter } from '../router.ts';

/**
 * A typed client of a running API, as one signed-in browser (its cookie) or
 * anonymous (`extraHeaders`, e.g. the web apps' `x-autodoctor-app`, go with every request): queries and mutations over plain HTTP (one request each, so each
 * keeps its own status), subscriptions over SSE.
 */
export function createApiClient(apiUrl: string, cookie?: string, extraHeaders: Record<string, string> = {}) {
  const url = `${apiUrl}/trpc`;
  const headers = () => ({ ...extraHeaders, ...(cookie ? { cookie } : {}) });
  const withCookie: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: { ...Object.fromEntries(new Headers(init?.headers)), ...headers() },
    });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({ fetch: withCookie }),
        }),
        false: httpLink({ url, transformer: superjson, headers }),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
