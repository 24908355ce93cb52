import { CHANGE_EFFECTS, type MutationPathOf } from '@autodoctor/api-client/changes';
import { apiLinks, type ApiLinkOptions } from '@autodoctor/api-client/links';
import type { AppRouter } from '@autodoctor/api/router';
import { createTRPCClient } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

// Type-only: no server code reaches the bundle.
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** What each procedure returns, as the app receives it. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export function createApiClient(options: ApiLinkOptions = {}) {
  return createTRPCClient<AppRouter>({ links: apiLinks<AppRouter>(options) });
}

// Every mutation of the API says what it changes: a new one without an entry fails the typecheck.
CHANGE_EFFECTS satisfies Record<MutationPathOf<AppRouter>, readonly string[]>;

/** What each procedure takes, as the app sends it. */
export type RouterInputs = inferRouterInputs<AppRouter>;
