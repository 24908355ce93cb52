import { NavLink, SignedInShell } from '@autodoctor/app-shell/signed-in-shell';
import { UnverifiedEmailBanner } from '@autodoctor/auth-client/verify-email-banner';
import { ConnectionIndicator } from '@autodoctor/ui/connection-indicator';
import { useRouteContext, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { CustomerBanner } from '../features/active-session/customer-banner.tsx';
import { useActiveSession } from '../features/active-session/use-active-session.ts';
import { LiveConnectionContext } from '../features/live/live-connection.ts';
import { useSessionFeed } from '../features/live/use-session-feed.ts';

/** Every signed-in screen: the shell, the banner, and the live feed of the active session. */
export function SignedInLayout() {
  const { user } = useRouteContext({ from: '/signed-in' });
  const router = useRouter();
  // Signed in, a customer most often goes on to start a session: its screen's code comes now.
  useEffect(() => {
    router.loadRouteChunk(router.routesById['/signed-in/new'])?.catch(() => undefined);
  }, [router]);
  const { data: activeSession } = useActiveSession();
  const connection = useSessionFeed(activeSession?.id ?? null);
  return (
    <LiveConnectionContext value={connection}>
      <SignedInShell
        user={user}
        homeLabel="AutoDoctor home"
        nav={
          <>
            <NavLink to="/">Dashboard</NavLink>
            <NavLink to="/new">New session</NavLink>
            {/* Current on every account page (Security, Notifications, …). */}
            <NavLink to="/account" activeOptions={{ exact: false }}>
              Account
            </NavLink>
          </>
        }
        actions={connection ? <ConnectionIndicator state={connection} /> : null}
        banner={
          <>
            <UnverifiedEmailBanner />
            <CustomerBanner />
          </>
        }
      />
    </LiveConnectionContext>
  );
}
