import { createAppRouter } from '@autodoctor/app-shell/app-router';
import { createAppRootRoute, redirectIfSignedIn, requireSignedIn } from '@autodoctor/app-shell/root-route';
import type { QueryClient } from '@tanstack/react-query';
import {
  parseEmailVerifiedSearch,
  parseResetPasswordSearch,
  parseUnsubscribeSearch,
} from '@autodoctor/app-shell/lib/account-search';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { SignedInLayout } from './signed-in-layout.tsx';

const rootRoute = createAppRootRoute();

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  beforeLoad: ({ context }) => redirectIfSignedIn(context, '/'),
  component: lazyRouteComponent(() => import('../features/auth/sign-in-page.tsx'), 'SignInPage'),
});

// Reached from a link in an email (a reset, an invitation: `&invited=1`) or from sign-in.
const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: lazyRouteComponent(
    () => import('@autodoctor/app-shell/forgot-password-page'),
    'ForgotPasswordPage',
  ),
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: parseResetPasswordSearch,
  component: lazyRouteComponent(
    () => import('@autodoctor/app-shell/reset-password-page'),
    'ResetPasswordPage',
  ),
});

const emailVerifiedRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/email-verified',
  validateSearch: parseEmailVerifiedSearch,
  component: lazyRouteComponent(
    () => import('@autodoctor/app-shell/email-verified-page'),
    'EmailVerifiedPage',
  ),
});

const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/unsubscribe',
  validateSearch: parseUnsubscribeSearch,
  component: lazyRouteComponent(() => import('@autodoctor/app-shell/unsubscribe-page'), 'UnsubscribePage'),
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
  forgotPasswordRoute,
  resetPasswordRoute,
  emailVerifiedRoute,
  unsubscribeRoute,
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
