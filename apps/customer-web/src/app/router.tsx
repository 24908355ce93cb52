import { createAppRouter } from '@autodoctor/app-shell/app-router';
import {
  createAppRootRoute,
  redirectIfSignedIn,
  requireSignedIn,
  type RouterContext,
} from '@autodoctor/app-shell/root-route';
import type { AppRouter } from '@autodoctor/api/router';
import type { QueryClient } from '@tanstack/react-query';
import { createEmailLinkRoutes } from '@autodoctor/app-shell/email-link-routes';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { TRPCClient } from '@trpc/client';
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { parseAuthSearch } from '../features/auth/auth-search.ts';
import { parseCheckoutReturnSearch } from '../features/checkout/checkout-search.ts';

/** The routes' context: the query client, and the API's query options for loaders to prefetch. */
interface CustomerRouterContext extends RouterContext {
  trpc: TRPCOptionsProxy<AppRouter>;
}

const rootRoute = createAppRootRoute<CustomerRouterContext>();

// Signed-out screens: a signed-in customer is sent on to where they were going.
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: parseAuthSearch,
  beforeLoad: ({ context, search }) => redirectIfSignedIn(context, search.redirect ?? '/'),
  component: lazyRouteComponent(() => import('../features/auth/sign-in-page.tsx'), 'SignInPage'),
});

const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  validateSearch: parseAuthSearch,
  beforeLoad: ({ context, search }) => redirectIfSignedIn(context, search.redirect ?? '/'),
  component: lazyRouteComponent(() => import('../features/auth/sign-up-page.tsx'), 'SignUpPage'),
});

const goodbyeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/goodbye',
  component: lazyRouteComponent(() => import('../features/account/goodbye-page.tsx'), 'GoodbyePage'),
});

// Everything else needs a signed-in customer.
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: ({ context, location }) => requireSignedIn(context, { redirect: location.href }),
  // Lazy: the sign-in page, a new visitor's first, does not load the signed-in frame.
  component: lazyRouteComponent(() => import('./signed-in-layout.tsx'), 'SignedInLayout'),
});

const dashboardRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../features/dashboard/dashboard-page.tsx'), 'DashboardPage'),
});

const intakeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/new',
  // The options load beside the page's code, not after it renders. A failure is swallowed here and
  // shown by the page (with its retry), as when the page asks itself.
  loader: ({ context }) =>
    context.queryClient.query(context.trpc.intake.options.queryOptions()).catch(() => undefined),
  component: lazyRouteComponent(() => import('../features/intake/intake-page.tsx'), 'IntakePage'),
});

const sessionRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/sessions/$sessionId',
  component: lazyRouteComponent(() => import('../features/session/session-page.tsx'), 'SessionPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('../features/account/account-page.tsx'), 'AccountPage'),
});

const securityRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account/security',
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

const dataRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account/data',
  component: lazyRouteComponent(() => import('../features/account/data-page.tsx'), 'DataPage'),
});

const creditsSuccessRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account/credits/success',
  validateSearch: parseCheckoutReturnSearch,
  component: lazyRouteComponent(
    () => import('../features/account/credits-success-page.tsx'),
    'CreditsSuccessPage',
  ),
});

const creditsCancelledRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account/credits/cancelled',
  component: lazyRouteComponent(
    () => import('../features/account/credits-cancelled-page.tsx'),
    'CreditsCancelledPage',
  ),
});

// A receipt's address is session-core's `receiptPath` (the emails link to it).
const receiptRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/account/receipts/$kind/$receiptId',
  component: lazyRouteComponent(() => import('../features/account/receipt-page.tsx'), 'ReceiptPage'),
});

const checkoutSuccessRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/checkout/success',
  validateSearch: parseCheckoutReturnSearch,
  component: lazyRouteComponent(
    () => import('../features/checkout/checkout-success-page.tsx'),
    'CheckoutSuccessPage',
  ),
});

const checkoutCancelledRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/checkout/cancelled',
  component: lazyRouteComponent(
    () => import('../features/checkout/checkout-cancelled-page.tsx'),
    'CheckoutCancelledPage',
  ),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  signUpRoute,
  ...createEmailLinkRoutes(rootRoute),
  goodbyeRoute,
  signedInRoute.addChildren([
    dashboardRoute,
    intakeRoute,
    sessionRoute,
    accountRoute,
    securityRoute,
    notificationsRoute,
    dataRoute,
    creditsSuccessRoute,
    creditsCancelledRoute,
    receiptRoute,
    checkoutSuccessRoute,
    checkoutCancelledRoute,
  ]),
]);

export function createRouter(queryClient: QueryClient, trpcClient: TRPCClient<AppRouter>) {
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  return createAppRouter(routeTree, queryClient, { trpc });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createRouter>;
  }
}
