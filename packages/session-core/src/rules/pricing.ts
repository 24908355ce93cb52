import { sessionType } from '@autodoctor/db/schema';

/** How a session is paid for (the Postgres enum `session_type`). */
export const SESSION_TYPES = sessionType.enumValues;
export type SessionType = (typeof SESSION_TYPES)[number];

/** What each session type costs: the one place prices are written. */
export const SESSION_PRICES = {
  free: { credits: 0, amountCents: 0, currency: null },
  credit: { credits: 1, amountCents: 0, currency: null },
  paid: { credits: 0, amountCents: 2900, currency: 'usd' },
} as const satisfies Record<SessionType, { credits: number; amountCents: number; currency: string | null }>;
