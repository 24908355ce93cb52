import type { SessionStatus } from '@autodoctor/session-core/rules';
import type { ReactNode, Ref } from 'react';
import { formatVehicle } from '../lib/format.ts';
import { StatusPill } from './status-pill.tsx';

export interface SessionHeaderProps {
  /** The page's heading, for the page to focus. */
  headingRef: Ref<HTMLHeadingElement>;
  vehicle: { year: number; make: string; model: string };
  status: SessionStatus;
  /** The line under the heading: the type, who, when. */
  children: ReactNode;
}

/** The top of a session's page: the vehicle as its heading, a line about it, and its status (announced). */
export function SessionHeader({ headingRef, vehicle, status, children }: SessionHeaderProps) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div className="grid gap-1">
        <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold outline-none">
          {formatVehicle(vehicle)}
        </h1>
        <p className="text-sm text-muted-foreground">{children}</p>
      </div>
      <span role="status" aria-label={`Status: ${status}`}>
        <StatusPill status={status} />
      </span>
    </div>
  );
}
