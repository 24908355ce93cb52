import { AccountMenu } from '@autodoctor/auth-client/account-menu';
import { ActiveSessionBanner } from '@autodoctor/ui/active-session-banner';
import { AppShell } from '@autodoctor/ui/app-shell';
import { formatVehicle } from '@autodoctor/ui/lib/format';
import { REFRESH_INTERVALS } from '@autodoctor/ui/lib/intervals';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouteContext } from '@tanstack/react-router';
import { useTRPC } from './trpc.ts';

/** Every signed-in screen of the mechanic app: the shell and the banner. */
export function SignedInLayout() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { user } = useRouteContext({ from: '/signed-in' });
  const { data: session } = useQuery(
    trpc.mechanic.activeSession.queryOptions(undefined, {
      refetchInterval: REFRESH_INTERVALS.activeSessionMs,
    }),
  );
  return (
    <AppShell
      product="for mechanics"
      home={(content) => <Link to="/">{content}</Link>}
      actions={<AccountMenu user={user} onSignedOut={() => navigate({ to: '/sign-in' })} />}
      notices={
        <ActiveSessionBanner
          viewer="mechanic"
          session={
            session
              ? {
                  id: session.id,
                  type: session.type,
                  status: session.status,
                  title: formatVehicle(session.vehicle),
                  accepted: true,
                }
              : null
          }
          returnLink={(content) => <Link to="/">{content}</Link>}
        />
      }
    >
      <Outlet />
    </AppShell>
  );
}
