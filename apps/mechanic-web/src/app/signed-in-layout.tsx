import { AccountMenu } from '@autodoctor/auth-client/account-menu';
import { AppShell, NAV_LINK_CLASS } from '@autodoctor/ui/app-shell';
import { ConnectionIndicator } from '@autodoctor/ui/connection-indicator';
import { formatVehicle } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { OfflineNotice } from '@autodoctor/ui/offline-notice';
import { Link, Outlet, useNavigate, useRouteContext } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { MechanicBanner } from '../features/active-session/mechanic-banner.tsx';
import { AvailabilitySwitch } from '../features/availability/availability-switch.tsx';
import { useAvailability, useAvailabilityHeartbeat } from '../features/availability/use-availability.ts';
import { alertNewSession } from '../features/queue/new-session-alert.ts';
import { QueueLiveContext } from '../features/queue/queue-live.ts';
import { useQueueFeed } from '../features/queue/use-queue-feed.ts';

function NavLink({ to, children }: { to: '/' | '/history'; children: ReactNode }) {
  return (
    <Link to={to} activeOptions={{ exact: true }} className={NAV_LINK_CLASS}>
      {children}
    </Link>
  );
}

/**
 * Every signed-in screen: the shell, the banner, availability, and the live queue,
 * followed here so that new sessions are counted and announced on every screen.
 */
export function SignedInLayout() {
  const navigate = useNavigate();
  const { user } = useRouteContext({ from: '/signed-in' });
  const { online } = useAvailability();
  useAvailabilityHeartbeat(online);
  const [announcement, setAnnouncement] = useState('');
  const { connection, clockOffsetMs } = useQueueFeed((entry) => {
    setAnnouncement(`New session: ${formatVehicle(entry.vehicle)}, ${SESSION_TYPE_LABEL[entry.sessionType]}`);
    if (online) alertNewSession(entry);
  });

  return (
    <QueueLiveContext value={{ connection, announcement, clockOffsetMs }}>
      <AppShell
        product="for mechanics"
        home={(content) => (
          <Link to="/" aria-label="AutoDoctor for mechanics, home">
            {content}
          </Link>
        )}
        nav={
          <>
            <NavLink to="/">Queue</NavLink>
            <NavLink to="/history">History</NavLink>
          </>
        }
        actions={
          <>
            <ConnectionIndicator state={connection} />
            <AvailabilitySwitch />
            <AccountMenu user={user} onSignedOut={() => navigate({ to: '/sign-in' })} />
          </>
        }
        notices={
          <>
            <OfflineNotice />
            <MechanicBanner />
          </>
        }
      >
        <Outlet />
      </AppShell>
    </QueueLiveContext>
  );
}
