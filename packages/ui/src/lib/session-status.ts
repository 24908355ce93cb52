import type { SessionEventType, SessionStatus, SessionType } from '@autodoctor/session-core/rules';

/** How a status looks: the one place its label and colour are written. */
export interface StatusPresentation {
  label: string;
  /** Tailwind classes of the pill: light background, dark text (contrast ≥ 4.5:1). */
  pill: string;
  /** The dot's colour. */
  dot: string;
  /** Live sessions pulse (not under prefers-reduced-motion). */
  pulse: boolean;
}

// The seed's colours: pending yellow, waiting blue, live green (pulsing), scheduled purple.
export const STATUS_PRESENTATION = {
  pending: { label: 'Pending', pill: 'bg-yellow-100 text-yellow-900', dot: 'bg-yellow-500', pulse: false },
  waiting: { label: 'Waiting', pill: 'bg-blue-100 text-blue-900', dot: 'bg-blue-600', pulse: false },
  live: { label: 'Live', pill: 'bg-green-100 text-green-900', dot: 'bg-green-600', pulse: true },
  scheduled: {
    label: 'Scheduled',
    pill: 'bg-purple-100 text-purple-900',
    dot: 'bg-purple-600',
    pulse: false,
  },
  ended: { label: 'Ended', pill: 'bg-slate-100 text-slate-800', dot: 'bg-slate-500', pulse: false },
  cancelled: { label: 'Cancelled', pill: 'bg-slate-100 text-slate-800', dot: 'bg-slate-400', pulse: false },
  expired: { label: 'Expired', pill: 'bg-orange-100 text-orange-900', dot: 'bg-orange-500', pulse: false },
} as const satisfies Record<SessionStatus, StatusPresentation>;

/** What each status means to the person looking at it. */
export const STATUS_DESCRIPTION = {
  pending: 'Waiting for a mechanic to accept',
  waiting: 'A mechanic accepted and will start shortly',
  live: 'The session is in progress',
  scheduled: 'Booked for later: it joins the queue at its start time',
  ended: 'The session is over',
  cancelled: 'Cancelled before it started',
  expired: 'No mechanic took it in time',
} as const satisfies Record<SessionStatus, string>;

export const SESSION_TYPE_LABEL = {
  free: 'Free session',
  credit: 'Credit session',
  paid: 'Paid session',
} as const satisfies Record<SessionType, string>;

/** A session's timeline, in the words people use (`session_events.type`). */
export const SESSION_EVENT_LABEL = {
  created: 'Requested',
  entered_queue: 'Joined the queue',
  assignment_accepted: 'Accepted',
  started: 'Started',
  ended: 'Ended',
  cancelled: 'Cancelled',
  expired: 'Expired',
  quote_sent: 'Repair quote sent',
  quote_approved: 'Repair quote approved',
  quote_declined: 'Repair quote declined',
  quote_withdrawn: 'Repair quote withdrawn',
} as const satisfies Record<SessionEventType, string>;
