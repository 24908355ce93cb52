import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.ts';

const settings = { baseMs: 1000, capMs: 60_000 };

describe('backoffMs', () => {
  it('doubles per failure, from half to all of base × 2^(attempts-1)', () => {
    expect([1, 2, 3, 4].map((attempts) => backoffMs(attempts, settings, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((attempts) => backoffMs(attempts, settings, () => 1))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('never waits longer than the cap, however many failures', () => {
    expect(backoffMs(7, settings, () => 1)).toBe(60_000);
    expect(backoffMs(1000, settings, () => 1)).toBe(60_000);
    expect(backoffMs(1000, settings, () => 0)).toBe(30_000);
  });

  it('spreads messages that failed together (jitter)', () => {
    const waits = new Set(Array.from({ length: 50 }, () => backoffMs(3, settings)));
    expect(waits.size).toBeGreaterThan(1);
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(2000);
      expect(wait).toBeLessThanOrEqual(4000);
    }
  });
});
