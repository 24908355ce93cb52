import type { RouterOutputs } from '../../app/trpc.ts';

export type RosterEntry = RouterOutputs['ops']['mechanics'][number];
export type RosterStatus = RosterEntry['status'];

/** Each status in words and its colour (design tokens): a new status fails the typecheck here. */
export const ROSTER_STATUS = {
  busy: { label: 'In a session', className: 'bg-primary/10 text-primary' },
  online: { label: 'Online', className: 'bg-success/10 text-success' },
  offline: { label: 'Offline', className: 'bg-muted text-muted-foreground' },
  invited: { label: 'Invited', className: 'bg-accent text-accent-foreground' },
  disabled: { label: 'Disabled', className: 'bg-destructive/10 text-destructive' },
} as const satisfies Record<RosterStatus, { label: string; className: string }>;
