import { focusScreenOnNavigation } from '@autodoctor/ui/lib/route-focus';
import type { QueryClient } from '@tanstack/react-query';
import { createRouter, type AnyRoute } from '@tanstack/react-router';
import type { RouterContext } from './root-route.tsx';

/**
 * An app's router over its route tree, as both apps configure it; `appContext` is what the app's
 * routes get in their context beside the query client (`createAppRootRoute<TheirContext>()`).
 */
export function createAppRouter<TRouteTree extends AnyRoute>(
  routeTree: TRouteTree,
  queryClient: QueryClient,
  appContext?: Omit<TRouteTree['types']['routerContext'], keyof RouterContext>,
) {
  const router = createRouter({
    routeTree,
    context: { ...appContext, queryClient },
    defaultPreload: 'intent',
    // Loaders prefetch into the query client, whose stale times decide what is fetched again: the
    // router's own cache of preloaded loader results (30 s) would skip a loader whose data went stale.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
  // The router starts a screen's code only once every `beforeLoad` above it has passed (the
  // sign-in check, a request): start it with each navigation instead, so the two come in parallel,
  // and the first screen's at once (the first navigation waits for React's first render).
  const loadScreenCode = (pathname: string) => {
    const [routes] = router.getMatchedRoutes(pathname);
    // A chunk that fails to load fails the navigation itself, which shows it: nothing to add here.
    for (const route of routes) router.loadRouteChunk(route)?.catch(() => undefined);
  };
  router.subscribe('onBeforeLoad', ({ toLocation }) => loadScreenCode(toLocation.pathname));
  loadScreenCode(router.latestLocation.pathname);
  // Each new screen's heading takes focus (not the page body), for keyboard and screen-reader users.
  focusScreenOnNavigation(router);
  return router;
}
