import { ActiveSessionBanner } from '@autodoctor/ui/active-session-banner';
import { formatVehicle } from '@autodoctor/ui/lib/format';
import { Link, useMatchRoute } from '@tanstack/react-router';
import { useActiveSession } from './use-active-session.ts';

/** The seed's banner, mechanic variant, on every screen but the active session's own page. */
export function MechanicBanner() {
  const { data: session } = useActiveSession();
  const matchRoute = useMatchRoute();
  if (!session || matchRoute({ to: '/sessions/$sessionId', params: { sessionId: session.id } })) return null;
  return (
    <ActiveSessionBanner
      viewer="mechanic"
      session={{
        id: session.id,
        type: session.type,
        status: session.status,
        title: `${formatVehicle(session.vehicle)} · ${session.customerFirstName}`,
        accepted: true,
      }}
      returnLink={(content) => (
        <Link to="/sessions/$sessionId" params={{ sessionId: session.id }}>
          {content}
        </Link>
      )}
    />
  );
}
