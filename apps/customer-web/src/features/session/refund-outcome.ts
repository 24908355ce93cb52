import { SESSION_PRICES } from '@autodoctor/session-core/rules';
import { formatMoney } from '@autodoctor/ui/lib/format';

interface RefundableSession {
  type: 'free' | 'credit' | 'paid';
  status: string;
  mechanic: { name: string } | null;
  chargedCredits: number;
  chargedAmountCents: number;
  currency: string | null;
}

/**
 * What a cancelled or expired session gave back. The rule is the API's: what
 * was paid is returned when no mechanic had accepted the session.
 */
export function refundOutcome(session: RefundableSession): string | null {
  if (session.status !== 'cancelled' && session.status !== 'expired') return null;
  if (session.mechanic) return 'A mechanic had accepted it, so nothing was returned.';
  switch (session.type) {
    case 'free':
      return 'Your free session was not used up: you can still start one.';
    case 'credit': {
      const credits = session.chargedCredits || SESSION_PRICES.credit.credits;
      return `${credits} ${credits === 1 ? 'credit was' : 'credits were'} returned to your balance.`;
    }
    case 'paid':
      return `${formatMoney(session.chargedAmountCents, session.currency)} is refunded to your card (it can take a few days to show).`;
  }
}
