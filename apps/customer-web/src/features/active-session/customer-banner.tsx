import { SessionBanner } from '@autodoctor/app-shell/session-banner';
import { formatVehicle } from '@autodoctor/ui/lib/format';
import { useEndOrCancelSession } from '../session/use-end-or-cancel.ts';
import { useActiveSession } from './use-active-session.ts';

/** The seed's banner on every screen but the active session's own page. */
export function CustomerBanner() {
  const { data: session } = useActiveSession();
  const endOrCancel = useEndOrCancelSession();
  if (!session) return null;
  const title = formatVehicle(session.vehicle);
  return (
    <SessionBanner
      viewer="customer"
      session={{ ...session, title, accepted: session.mechanic !== null }}
      onEndSession={() => endOrCancel(session)}
    />
  );
}
