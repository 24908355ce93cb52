import { AccountMenu } from '@autodoctor/auth-client/account-menu';
import type { SignedInUser } from '@autodoctor/auth-client/auth-client';
import { AppShell, NAV_LINK_CLASS } from '@autodoctor/ui/app-shell';
import { OfflineNotice } from '@autodoctor/ui/offline-notice';
import { createLink, Link, Outlet, useNavigate, type LinkComponent } from '@tanstack/react-router';
import type { ComponentProps, ReactNode } from 'react';

export interface SignedInShellProps {
  user: SignedInUser;
  /** The app's name beside the logo, e.g. "for mechanics". */
  product?: string;
  /** The accessible name of the logo's link home. */
  homeLabel: string;
  /** The header's navigation: NavLinks. */
  nav: ReactNode;
  /** The header's right side, before the account menu. */
  actions: ReactNode;
  /** The app's active-session banner, under the offline notice. */
  banner: ReactNode;
}

function NavAnchor(props: ComponentProps<'a'>) {
  return <a {...props} className={NAV_LINK_CLASS} />;
}

const RouterNavAnchor = createLink(NavAnchor);

/**
 * A link of the header's navigation, typed by the app's routes; current only on its exact path
 * unless `activeOptions` says otherwise.
 */
export const NavLink: LinkComponent<typeof NavAnchor> = (props) => (
  <RouterNavAnchor activeOptions={{ exact: true }} {...props} />
);

/** Every signed-in screen's frame: the header with the navigation and account menu, the notices, the screen. */
export function SignedInShell({ user, product, homeLabel, nav, actions, banner }: SignedInShellProps) {
  const navigate = useNavigate();
  return (
    <AppShell
      product={product}
      home={(content) => (
        <Link to="/" aria-label={homeLabel}>
          {content}
        </Link>
      )}
      nav={nav}
      actions={
        <>
          {actions}
          <AccountMenu user={user} onSignedOut={() => navigate({ to: '/sign-in' })} />
        </>
      }
      notices={
        <>
          <OfflineNotice />
          {banner}
        </>
      }
    >
      <Outlet />
    </AppShell>
  );
}
