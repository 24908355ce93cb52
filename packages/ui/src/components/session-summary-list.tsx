import type { SessionStatus } from '@autodoctor/session-core/rules';
import type { ReactNode } from 'react';
import { formatDateTime, formatVehicle } from '../lib/format.ts';
import { Button } from './button.tsx';
import { StatusPill } from './status-pill.tsx';

export interface SessionSummary {
  id: string;
  status: SessionStatus;
  vehicle: { year: number; make: string; model: string };
  concern: string;
  createdAt: Date;
}

export interface SessionSummaryListProps<T extends SessionSummary> {
  /** The list's accessible name, e.g. "Your sessions". */
  label: string;
  sessions: T[];
  /** The line under the date: type, charge, the other person. */
  detailOf: (session: T) => ReactNode;
  /** Wraps a row in the app's router link to the session (give it `className`). */
  link: (session: T, className: string, content: ReactNode) => ReactNode;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** Sessions, newest first, each row a link to its page, and "Show older sessions" while there are more. */
export function SessionSummaryList<T extends SessionSummary>(props: SessionSummaryListProps<T>) {
  return (
    <div className="grid gap-3">
      <ul className="grid gap-2" aria-label={props.label}>
        {props.sessions.map((session) => (
          <li key={session.id}>
            {props.link(
              session,
              'grid gap-1 rounded-lg border bg-card p-4 hover:bg-accent sm:grid-cols-[1fr_auto] sm:items-center sm:gap-4',
              <>
                <span className="grid min-w-0 gap-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{formatVehicle(session.vehicle)}</span>
                    <StatusPill status={session.status} />
                  </span>
                  <span className="truncate text-sm text-muted-foreground">{session.concern}</span>
                </span>
                <span className="grid gap-0.5 text-sm sm:text-right">
                  <span>{formatDateTime(session.createdAt)}</span>
                  <span className="text-muted-foreground">{props.detailOf(session)}</span>
                </span>
              </>,
            )}
          </li>
        ))}
      </ul>
      {props.hasMore ? (
        <Button
          variant="outline"
          className="justify-self-center"
          pending={props.loadingMore}
          onClick={props.onLoadMore}
        >
          Show older sessions
        </Button>
      ) : null}
    </div>
  );
}
