import { createRoute, lazyRouteComponent, type AnyRootRoute } from '@tanstack/react-router';
import {
  parseEmailVerifiedSearch,
  parseResetPasswordSearch,
  parseUnsubscribeSearch,
} from './lib/account-search.ts';

/**
 * The screens the product's emails link to, the same in both apps and open signed in or not:
 * forgot and reset password (an invited mechanic's "Set your password": `&invited=1`), the
 * verified address, and unsubscribe. Each is its own lazy chunk.
 */
export function createEmailLinkRoutes<TRoot extends AnyRootRoute>(rootRoute: TRoot) {
  const forgotPassword = createRoute({
    getParentRoute: () => rootRoute,
    path: '/forgot-password',
    component: lazyRouteComponent(() => import('./forgot-password-page.tsx'), 'ForgotPasswordPage'),
  });
  const resetPassword = createRoute({
    getParentRoute: () => rootRoute,
    path: '/reset-password',
    validateSearch: parseResetPasswordSearch,
    component: lazyRouteComponent(() => import('./reset-password-page.tsx'), 'ResetPasswordPage'),
  });
  const emailVerified = createRoute({
    getParentRoute: () => rootRoute,
    path: '/email-verified',
    validateSearch: parseEmailVerifiedSearch,
    component: lazyRouteComponent(() => import('./email-verified-page.tsx'), 'EmailVerifiedPage'),
  });
  const unsubscribe = createRoute({
    getParentRoute: () => rootRoute,
    path: '/unsubscribe',
    validateSearch: parseUnsubscribeSearch,
    component: lazyRouteComponent(() => import('./unsubscribe-page.tsx'), 'UnsubscribePage'),
  });
  return [forgotPassword, resetPassword, emailVerified, unsubscribe] as const;
}
