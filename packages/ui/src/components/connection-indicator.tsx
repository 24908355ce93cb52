import { cn } from '../lib/cn.ts';

export type ConnectionState = 'live' | 'connecting' | 'reconnecting' | 'offline';

const LOOK = {
  live: { label: 'Connected', dot: 'bg-green-600', text: 'text-green-900' },
  connecting: { label: 'Connecting…', dot: 'bg-amber-500', text: 'text-amber-900' },
  reconnecting: { label: 'Reconnecting…', dot: 'bg-amber-500', text: 'text-amber-900' },
  offline: { label: 'Offline', dot: 'bg-slate-500', text: 'text-slate-800' },
} as const satisfies Record<ConnectionState, { label: string; dot: string; text: string }>;

/** Whether live updates are flowing; a change is announced. */
export function ConnectionIndicator({ state, className }: { state: ConnectionState; className?: string }) {
  const look = LOOK[state];
  return (
    <span
      role="status"
      aria-label={`Live updates: ${look.label}`}
      className={cn('inline-flex items-center gap-1.5 text-xs font-medium', look.text, className)}
    >
      <span className={cn('size-2 rounded-full', look.dot)} aria-hidden="true" />
      {look.label}
    </span>
  );
}
