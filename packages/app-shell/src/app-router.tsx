import { focusScreenOnNavigation } from '@autodoctor/ui/lib/route-focus';
import type { QueryClient } from '@tanstack/react-query';
import { createRouter, type AnyRoute } from '@tanstack/react-router';

/** An app's router over its route tree, as both apps configure it. */
export function createAppRouter<TRouteTree extends AnyRoute>(
  routeTree: TRouteTree,
  queryClient: QueryClient,
) {
  const router = createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
  // Each new screen's heading takes focus (not the page body), for keyboard and screen-reader users.
  focusScreenOnNavigation(router);
  return router;
}
