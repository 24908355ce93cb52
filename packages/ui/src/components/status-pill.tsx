import type { SessionStatus } from '@autodoctor/session-core/rules';
import { cn } from '../lib/cn.ts';
import { STATUS_PRESENTATION } from '../lib/session-status.ts';

/** A session's status as a coloured pill; live ones pulse (still under prefers-reduced-motion). */
export function StatusPill({ status, className }: { status: SessionStatus; className?: string }) {
  const look = STATUS_PRESENTATION[status];
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold',
        look.pill,
        className,
      )}
    >
      <span className="relative flex size-2" aria-hidden="true">
        {look.pulse ? (
          <span
            data-pulse=""
            className={cn(
              'absolute inline-flex size-full rounded-full opacity-75 motion-safe:animate-ping',
              look.dot,
            )}
          />
        ) : null}
        <span className={cn('relative inline-flex size-2 rounded-full', look.dot)} />
      </span>
      {look.label}
    </span>
  );
}
