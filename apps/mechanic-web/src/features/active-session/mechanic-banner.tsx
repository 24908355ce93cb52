import { SessionBanner } from '@autodoctor/app-shell/session-banner';
import { formatVehicle } from '@autodoctor/ui/lib/format';
import { useActiveSession } from './use-active-session.ts';

/** The seed's banner, mechanic variant, on every screen but the active session's own page. */
export function MechanicBanner() {
  const { data: session } = useActiveSession();
  if (!session) return null;
  const title = `${formatVehicle(session.vehicle)} · ${session.customerFirstName}`;
  return <SessionBanner viewer="mechanic" session={{ ...session, title, accepted: true }} />;
}
