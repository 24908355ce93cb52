import { createAppRouter } from '@autodoctor/app-shell/app-router';
import { createAppRootRoute, redirectIfSignedIn, requireSignedIn } from '@autodoctor/app-shell/root-route';
import type { QueryClient } from '@tanstack/react-query';
import { createEmailLinkRoutes } from '@autodoctor/app-shell/email-link-routes';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { SignedInLayout } from './signed-in-layout.tsx';

const rootRoute = createAppRootRoute();

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  beforeLoad: ({ context }) => redirectIfSignedIn(context, '/'),
  component: lazyRouteComponent(() => import('../features/auth/sign-in-page.tsx'), 'SignInPage'),
});

// Everything else needs a signed-in mechanic.
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: ({ context }) => requireSignedIn(context),
  // In the entry (not lazy like the customer app's): a mechanic's first screen is nearly always the queue.
  component: SignedInLayout,
});

const queueRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../features/queue/queue-page.tsx'), 'QueuePage'),
});

const sessionRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/sessions/$sessionId',
  component: lazyRouteComponent(() => import('../features/session/session-page.tsx'), 'SessionPage'),
});

const historyRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/history',
  component: lazyRouteComponent(() => import('../features/history/history-page.tsx'), 'HistoryPage'),
});

const earningsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/earnings',
  component: lazyRouteComponent(() => import('../features/earnings/earnings-page.tsx'), 'EarningsPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('../features/account/security-page.tsx'), 'SecurityPage'),
});

const notificationsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account/notifications',
  component: lazyRouteComponent(
    () => import('../features/account/notifications-page.tsx'),
    'NotificationsPage',
  ),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  ...createEmailLinkRoutes(rootRoute),
  signedInRoute.addChildren([
    queueRoute,
    sessionRoute,
    historyRoute,
    earningsRoute,
    accountRoute,
    notificationsRoute,
  ]),
]);

export function createRouter(queryClient: QueryClient) {
  return createAppRouter(routeTree, queryClient);
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createRouter>;
  }
}
