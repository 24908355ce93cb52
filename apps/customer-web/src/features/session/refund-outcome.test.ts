import { describe, expect, it } from 'vitest';
import { refundOutcome } from './refund-outcome.ts';

const base = { mechanic: null, chargedCredits: 0, chargedAmountCents: 0, currency: null };

describe('refundOutcome', () => {
  it('says nothing for sessions that were not cancelled or expired', () => {
    expect(refundOutcome({ ...base, type: 'credit', status: 'ended', chargedCredits: 1 })).toBeNull();
    expect(refundOutcome({ ...base, type: 'paid', status: 'pending' })).toBeNull();
  });

  it('returns what was paid when no mechanic had accepted', () => {
    expect(refundOutcome({ ...base, type: 'credit', status: 'cancelled', chargedCredits: 1 })).toBe(
      '1 credit was returned to your balance.',
    );
    expect(
      refundOutcome({ ...base, type: 'paid', status: 'expired', chargedAmountCents: 2900, currency: 'usd' }),
    ).toMatch(/\$29\.00 is refunded to your card/);
    expect(refundOutcome({ ...base, type: 'free', status: 'cancelled' })).toMatch(/not used up/);
  });

  it('returns nothing once a mechanic had accepted', () => {
    expect(
      refundOutcome({
        ...base,
        type: 'credit',
        status: 'cancelled',
        chargedCredits: 1,
        mechanic: { name: 'Sam' },
      }),
    ).toMatch(/nothing was returned/);
  });
});
