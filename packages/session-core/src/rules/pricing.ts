import { SESSION_TYPE_VALUES } from '@autodoctor/db/enum-values';
import { z } from 'zod';

/** How a session is paid for (the Postgres enum `session_type`). */
export const SESSION_TYPES = SESSION_TYPE_VALUES;
export type SessionType = (typeof SESSION_TYPES)[number];

/** What each session type costs: the one place prices are written. */
export const SESSION_PRICES = {
  free: { credits: 0, amountCents: 0, currency: null },
  credit: { credits: 1, amountCents: 0, currency: null },
  paid: { credits: 0, amountCents: 2900, currency: 'usd' },
} as const satisfies Record<SessionType, { credits: number; amountCents: number; currency: string | null }>;

/** The credit packs a customer can buy by card (Stripe Checkout). */
export const CREDIT_PACKS = [
  { id: 'credits_3', credits: 3, amountCents: 7500, currency: 'usd' },
  { id: 'credits_5', credits: 5, amountCents: 11900, currency: 'usd' },
  { id: 'credits_10', credits: 10, amountCents: 21900, currency: 'usd' },
] as const satisfies readonly {
  id: string;
  credits: number;
  amountCents: number;
  currency: 'usd';
}[];

export type CreditPack = (typeof CREDIT_PACKS)[number];
export type CreditPackId = CreditPack['id'];

/** A credit pack named by its id. */
export const creditPackIdSchema = z.enum(
  CREDIT_PACKS.map((pack) => pack.id) as [CreditPackId, ...CreditPackId[]],
);

/** The pack with that id. */
export function creditPackOf(id: CreditPackId): CreditPack {
  return CREDIT_PACKS.find((pack) => pack.id === id)!;
}

/** How many free sessions a customer gets over their lifetime. */
export const FREE_SESSIONS_PER_CUSTOMER = 1;

/**
 * Whether a free session uses up the customer's free session: every one does,
 * except one cancelled or expired before any mechanic accepted it. The partial
 * unique index `uq_free_session_per_customer` enforces the same predicate.
 */
export function usesFreeSession(session: {
  type: SessionType;
  status: string;
  acceptedAt: Date | null;
}): boolean {
  if (session.type !== 'free') return false;
  return !(session.status === 'cancelled' || session.status === 'expired') || session.acceptedAt !== null;
}
