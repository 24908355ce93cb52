import { describe, expect, it } from 'vitest';
import { checkPayoutAmount } from './record-payout-dialog.tsx';

describe('checkPayoutAmount', () => {
  it('gives the cents of dollars as typed', () => {
    expect(checkPayoutAmount('120.50')).toEqual({ cents: 12_050 });
    expect(checkPayoutAmount('0.01')).toEqual({ cents: 1 });
    expect(checkPayoutAmount('1000000')).toEqual({ cents: 100_000_000 });
  });

  it('says what is wrong with anything else', () => {
    expect(checkPayoutAmount('12,50')).toEqual({
      error: 'Dollars, with at most two decimals (e.g. 120.50).',
    });
    expect(checkPayoutAmount('-5')).toEqual({ error: 'Dollars, with at most two decimals (e.g. 120.50).' });
    expect(checkPayoutAmount('0')).toEqual({ error: 'More than $0.' });
    const tooMuch = checkPayoutAmount('1000000.01');
    expect('error' in tooMuch && tooMuch.error).toMatch(/^At most \$1,000,000\.00\.$/);
  });
});
