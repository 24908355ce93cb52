import { describe, expect, it } from 'vitest';
import { isQuotable } from './quotable.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 7, 12);

describe('isQuotable', () => {
  it('offers the editor while the session is live and for 14 days after it ended', () => {
    expect(isQuotable({ status: 'live', endedAt: null }, now)).toBe(true);
    expect(isQuotable({ status: 'ended', endedAt: new Date(now - 13 * DAY) }, now)).toBe(true);
    expect(isQuotable({ status: 'ended', endedAt: new Date(now - 14 * DAY) }, now)).toBe(false);
  });

  it('not before the session starts, nor for one that never ran', () => {
    for (const status of ['pending', 'scheduled', 'waiting', 'cancelled', 'expired'] as const) {
      expect(isQuotable({ status, endedAt: null }, now)).toBe(false);
    }
  });
});
