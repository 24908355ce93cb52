import { ActiveSessionBanner } from '@autodoctor/ui/active-session-banner';
import { formatVehicle } from '@autodoctor/ui/lib/format';
import { Link, useMatchRoute } from '@tanstack/react-router';
import { useEndOrCancelSession } from '../session/use-end-or-cancel.ts';
import { useActiveSession } from './use-active-session.ts';

/** The seed's banner on every screen but the active session's own page. */
export function CustomerBanner() {
  const { data: session } = useActiveSession();
  const matchRoute = useMatchRoute();
  const endOrCancel = useEndOrCancelSession();
  if (!session || matchRoute({ to: '/sessions/$sessionId', params: { sessionId: session.id } })) return null;
  return (
    <ActiveSessionBanner
      viewer="customer"
      session={{
        id: session.id,
        type: session.type,
        status: session.status,
        title: formatVehicle(session.vehicle),
        accepted: session.mechanic !== null,
      }}
      returnLink={(content) => (
        <Link to="/sessions/$sessionId" params={{ sessionId: session.id }}>
          {content}
        </Link>
      )}
      onEndSession={() => endOrCancel(session)}
    />
  );
}
