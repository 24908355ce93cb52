import {
  ActiveSessionBanner,
  type ActiveSessionBannerProps,
  type BannerSession,
} from '@autodoctor/ui/active-session-banner';
import { useMatchRoute } from '@tanstack/react-router';
import { SessionLink } from './session-link.tsx';

export interface SessionBannerProps extends Omit<ActiveSessionBannerProps, 'session' | 'returnLink'> {
  session: BannerSession;
}

/** The active session's banner on every screen but that session's own page, with the link back to it. */
export function SessionBanner({ session, ...props }: SessionBannerProps) {
  const matchRoute = useMatchRoute();
  if (matchRoute({ to: '/sessions/$sessionId', params: { sessionId: session.id } })) return null;
  return (
    <ActiveSessionBanner
      {...props}
      session={session}
      returnLink={(content) => <SessionLink sessionId={session.id}>{content}</SessionLink>}
    />
  );
}
