import type { SessionStatus, SessionType } from '@autodoctor/session-core/rules';
import type { ReactNode } from 'react';
import { SESSION_TYPE_LABEL } from '../lib/session-status.ts';
import { Button } from './button.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { StatusPill } from './status-pill.tsx';

export interface BannerSession {
  id: string;
  type: SessionType;
  status: SessionStatus;
  /** What it is about, e.g. "2017 Honda Civic". */
  title: string;
  /** Whether a mechanic has accepted it (a cancel returns nothing then). */
  accepted: boolean;
}

export interface ActiveSessionBannerProps {
  viewer: 'customer' | 'mechanic';
  /** The active session, or null: the banner is then hidden. */
  session: BannerSession | null;
  /** Wraps "Return to Session" in the app's link to the session page. */
  returnLink: (content: ReactNode) => ReactNode;
  /** Customer only: ends a live session, or cancels one that is not live yet. */
  onEndSession?: () => Promise<unknown>;
}

/**
 * The seed's ActiveSessionBanner: a light banner (never a modal) for the session
 * that occupies its viewer, with its type, its status pill and a way back to it.
 */
export function ActiveSessionBanner({ viewer, session, returnLink, onEndSession }: ActiveSessionBannerProps) {
  if (!session) return null;
  const live = session.status === 'live';
  return (
    <section
      aria-label="Active session"
      className="flex flex-col gap-3 rounded-lg border border-blue-200 bg-blue-50 px-4 py-3 sm:flex-row sm:items-center"
    >
      <div className="grid min-w-0 flex-1 gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-semibold">{SESSION_TYPE_LABEL[session.type]}</span>
          <span role="status" aria-label={`Status: ${session.status}`}>
            <StatusPill status={session.status} />
          </span>
        </div>
        <p className="truncate text-sm text-slate-700">{session.title}</p>
        {viewer === 'customer' && !live ? (
          <p className="text-xs text-slate-700">Not started yet: you can cancel it instead of ending it.</p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button asChild size="sm">
          {returnLink('Return to Session')}
        </Button>
        {viewer === 'customer' && onEndSession ? (
          <ConfirmDialog
            trigger={
              <Button size="sm" variant="outline">
                {live ? 'End Session' : 'Cancel Session'}
              </Button>
            }
            title={live ? 'End this session?' : 'Cancel this session?'}
            description={live ? 'The mechanic is told and the session closes.' : cancelOutcome(session)}
            confirmLabel={live ? 'End Session' : 'Cancel Session'}
            destructive
            onConfirm={onEndSession}
          />
        ) : null}
      </div>
    </section>
  );
}

/** What a customer gets back when cancelling (the API's refund rule: only before an accept). */
export function cancelOutcome(session: Pick<BannerSession, 'type' | 'accepted'>): string {
  if (session.accepted) return 'A mechanic has already accepted it, so nothing is returned.';
  switch (session.type) {
    case 'free':
      return 'It has not started, so your free session is not used up.';
    case 'credit':
      return 'It has not started, so your credit is returned.';
    case 'paid':
      return 'It has not started, so your payment is refunded in full.';
  }
}
