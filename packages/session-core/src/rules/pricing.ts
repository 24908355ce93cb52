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

// PROVISIONAL (replaced by the api-web branch).
export const CREDIT_PACKS = [
  { id: 'credits_3', credits: 3, amountCents: 7500, currency: 'usd' },
  { id: 'credits_5', credits: 5, amountCents: 11900, currency: 'usd' },
  { id: 'credits_10', credits: 10, amountCents: 21900, currency: 'usd' },
] as const;
export type CreditPackId = (typeof CREDIT_PACKS)[number]['id'];
