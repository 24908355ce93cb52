import { authSessionQuery } from '@autodoctor/auth-client/auth-client';
import { NotFoundScreen } from '@autodoctor/ui/not-found-screen';
import { RouteErrorScreen } from '@autodoctor/ui/route-error-screen';
import { focusScreenOnNavigation } from '@autodoctor/ui/lib/route-focus';
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Link,
  Outlet,
  redirect,
  useRouter,
  type ErrorComponentProps,
} from '@tanstack/react-router';
import { SignedInLayout } from './signed-in-layout.tsx';

interface RouterContext {
  queryClient: QueryClient;
}

function NotFoundPage() {
  return <NotFoundScreen homeLink={(content) => <Link to="/">{content}</Link>} />;
}

function RouteErrorPage({ reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <RouteErrorScreen
      onRetry={() => {
        reset();
        void router.invalidate();
      }}
    />
  );
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  beforeLoad: async ({ context }) => {
    if (await context.queryClient.query(authSessionQuery)) throw redirect({ to: '/' });
  },
  component: lazyRouteComponent(() => import('../features/auth/sign-in-page.tsx'), 'SignInPage'),
});

// Everything else needs a signed-in mechanic.
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context }) => {
    const user = await context.queryClient.query(authSessionQuery);
    if (!user) throw redirect({ to: '/sign-in' });
    return { user };
  },
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

const routeTree = rootRoute.addChildren([
  signInRoute,
  signedInRoute.addChildren([queueRoute, sessionRoute, historyRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
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

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
