import { authSessionQuery } from '@autodoctor/auth-client/auth-client';
import { NotFoundScreen } from '@autodoctor/ui/not-found-screen';
import { RouteErrorScreen } from '@autodoctor/ui/route-error-screen';
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  Link,
  Outlet,
  redirect,
  useRouter,
  type ErrorComponentProps,
} from '@tanstack/react-router';

/** What every route of both apps gets in its context. */
export interface RouterContext {
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

/**
 * The root of an app's route tree: the screens, and the not-found and error screens both apps show.
 * `TContext`: what the app adds to its routes' context (given to `createAppRouter`).
 */
export function createAppRootRoute<TContext extends RouterContext = RouterContext>() {
  return createRootRouteWithContext<TContext>()({
    component: Outlet,
    notFoundComponent: NotFoundPage,
    errorComponent: RouteErrorPage,
  });
}

/** `beforeLoad` of a signed-out screen (sign-in, sign-up): a signed-in user is sent on to `to`. */
export async function redirectIfSignedIn(context: RouterContext, to: string): Promise<void> {
  if (await context.queryClient.query(authSessionQuery)) throw redirect({ to });
}

/**
 * `beforeLoad` of the signed-in frame: without a user, to the sign-in screen (with `search`, say
 * where to come back to); with one, the user joins the routes' context.
 */
export async function requireSignedIn(context: RouterContext, search?: Record<string, string>) {
  const user = await context.queryClient.query(authSessionQuery);
  if (!user) throw redirect({ to: '/sign-in', search });
  return { user };
}
