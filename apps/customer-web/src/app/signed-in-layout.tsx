import { AccountMenu } from '@autodoctor/auth-client/account-menu';
import { AppShell, NAV_LINK_CLASS } from '@autodoctor/ui/app-shell';
import { ConnectionIndicator } from '@autodoctor/ui/connection-indicator';
import { Link, Outlet, useNavigate, useRouteContext, useRouter } from '@tanstack/react-router';
import { useEffect, type ReactNode } from 'react';
import { CustomerBanner } from '../features/active-session/customer-banner.tsx';
import { useActiveSession } from '../features/active-session/use-active-session.ts';
import { LiveConnectionContext } from '../features/live/live-connection.ts';
import { OfflineNotice } from '@autodoctor/ui/offline-notice';
import { useSessionFeed } from '../features/live/use-session-feed.ts';

function NavLink({ to, children }: { to: '/' | '/new' | '/account'; children: ReactNode }) {
  return (
    <Link to={to} activeOptions={{ exact: true }} className={NAV_LINK_CLASS}>
      {children}
    </Link>
  );
}

/** Every signed-in screen: the shell, the banner, and the live feed of the active session. */
export function SignedInLayout() {
  const { user } = useRouteContext({ from: '/signed-in' });
  const navigate = useNavigate();
  const router = useRouter();
  // Signed in, a customer most often goes on to start a session: its screen's code comes now.
  useEffect(() => {
    router.loadRouteChunk(router.routesById['/signed-in/new'])?.catch(() => undefined);
  }, [router]);
  const { data: activeSession } = useActiveSession();
  const connection = useSessionFeed(activeSession?.id ?? null);
  return (
    <LiveConnectionContext value={connection}>
      <AppShell
        home={(content) => (
          <Link to="/" aria-label="AutoDoctor home">
            {content}
          </Link>
        )}
        nav={
          <>
            <NavLink to="/">Dashboard</NavLink>
            <NavLink to="/new">New session</NavLink>
            <NavLink to="/account">Account</NavLink>
          </>
        }
        actions={
          <>
            {connection ? <ConnectionIndicator state={connection} /> : null}
            <AccountMenu user={user} onSignedOut={() => navigate({ to: '/sign-in' })} />
          </>
        }
        notices={
          <>
            <OfflineNotice />
            <CustomerBanner />
          </>
        }
      >
        <Outlet />
      </AppShell>
    </LiveConnectionContext>
  );
}
