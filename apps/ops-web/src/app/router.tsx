import { createAppRouter } from '@autodoctor/app-shell/app-router';
import { createEmailLinkRoutes } from '@autodoctor/app-shell/email-link-routes';
import { createAppRootRoute, redirectIfSignedIn, requireSignedIn } from '@autodoctor/app-shell/root-route';
import type { QueryClient } from '@tanstack/react-query';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { parseAnalyticsSearch } from '../features/analytics/analytics-range.ts';
import { parseSessionsSearch } from '../features/sessions/sessions-search.ts';
import { SignedInLayout } from './signed-in-layout.tsx';

const rootRoute = createAppRootRoute();

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  beforeLoad: ({ context }) => redirectIfSignedIn(context, '/'),
  component: lazyRouteComponent(() => import('../features/auth/sign-in-page.tsx'), 'SignInPage'),
});

// Everything else needs a signed-in operator (the API refuses anyone else at this app's sign-in).
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: ({ context }) => requireSignedIn(context),
  component: SignedInLayout,
});

// The range is in the address, so a reload or a shared link shows the same numbers.
const analyticsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  validateSearch: parseAnalyticsSearch,
  component: lazyRouteComponent(() => import('../features/analytics/analytics-page.tsx'), 'AnalyticsPage'),
});

const mechanicsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/mechanics',
  component: lazyRouteComponent(() => import('../features/mechanics/mechanics-page.tsx'), 'MechanicsPage'),
});

const sessionsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/sessions',
  validateSearch: parseSessionsSearch,
  component: lazyRouteComponent(() => import('../features/sessions/sessions-page.tsx'), 'SessionsPage'),
});

const sessionRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/sessions/$sessionId',
  component: lazyRouteComponent(() => import('../features/sessions/session-page.tsx'), 'SessionPage'),
});

const accessLogRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/access-log',
  component: lazyRouteComponent(() => import('../features/sessions/access-log-page.tsx'), 'AccessLogPage'),
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
    analyticsRoute,
    mechanicsRoute,
    sessionsRoute,
    sessionRoute,
    accessLogRoute,
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
