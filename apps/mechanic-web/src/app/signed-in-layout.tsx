import { NavLink, SignedInShell } from '@autodoctor/app-shell/signed-in-shell';
import { ConnectionIndicator } from '@autodoctor/ui/connection-indicator';
import { formatVehicle } from '@autodoctor/ui/lib/format';
import { SESSION_TYPE_LABEL } from '@autodoctor/ui/lib/session-status';
import { useRouteContext } from '@tanstack/react-router';
import { useState } from 'react';
import { MechanicBanner } from '../features/active-session/mechanic-banner.tsx';
import { AvailabilitySwitch } from '../features/availability/availability-switch.tsx';
import { useAvailability, useAvailabilityHeartbeat } from '../features/availability/use-availability.ts';
import { alertNewSession } from '../features/queue/new-session-alert.ts';
import { QueueLiveContext } from '../features/queue/queue-live.ts';
import { useQueueFeed } from '../features/queue/use-queue-feed.ts';

/**
 * Every signed-in screen: the shell, the banner, availability, and the live queue,
 * followed here so that new sessions are counted and announced on every screen.
 */
export function SignedInLayout() {
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
      <SignedInShell
        user={user}
        product="for mechanics"
        homeLabel="AutoDoctor for mechanics, home"
        nav={
          <>
            <NavLink to="/">Queue</NavLink>
            <NavLink to="/history">History</NavLink>
            <NavLink to="/earnings">Earnings</NavLink>
            {/* Current on every account page (Security, Notifications, …). */}
            <NavLink to="/account" activeOptions={{ exact: false }}>
              Account
            </NavLink>
          </>
        }
        actions={
          <>
            <ConnectionIndicator state={connection} />
            <AvailabilitySwitch />
          </>
        }
        banner={<MechanicBanner />}
      />
    </QueueLiveContext>
  );
}
