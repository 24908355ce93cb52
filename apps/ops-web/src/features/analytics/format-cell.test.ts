import { describe, expect, it } from 'vitest';
import { formatCell, formatTick } from './format-cell.ts';

describe('formatCell', () => {
  it('shows the number itself with its unit', () => {
    expect(formatCell(1204, { key: 'total', label: 'Total', unit: 'count' })).toBe('1,204');
    expect(formatCell(83.5, { key: 'p50', label: 'p50', unit: 'seconds' })).toBe('83.5 s');
    expect(formatCell(12.5, { key: 'rate', label: 'Rate', unit: 'percent' })).toBe('12.5 %');
    expect(formatCell(4.25, { key: 'average', label: 'Average', unit: 'stars' })).toBe('4.25 ★');
  });

  it('shows integer cents as an amount of the currency', () => {
    expect(formatCell(123_456, { key: 'paid_cents', label: 'Paid', unit: 'cents' })).toMatch(/^\$1,234\.56$/);
    expect(formatCell(-500, { key: 'paid_out_cents', label: 'Paid out', unit: 'cents' })).toMatch(/5\.00/);
  });

  it('shows a label as it is', () => {
    expect(formatCell('2026-12-07T14:00', { key: 'bucket', label: 'Bucket (local time)' })).toBe(
      '2026-12-07T14:00',
    );
  });
});

describe('formatTick', () => {
  it('keeps an axis label short', () => {
    expect(formatTick(2_600_000, { key: 'p99', label: 'p99', unit: 'seconds' })).toBe('2.6M s');
    expect(formatTick(123_456, { key: 'paid_cents', label: 'Paid', unit: 'cents' })).toBe('$1.2K');
    expect(formatTick(40, { key: 'rate', label: 'Rate', unit: 'percent' })).toBe('40 %');
    expect(formatTick(7, { key: 'free', label: 'Free', unit: 'count' })).toBe('7');
  });
});
