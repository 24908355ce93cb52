import { describe, expect, it } from 'vitest';
import { formatQuantity, formatTaxRate } from './quote-format.ts';

// In the viewer's locale, as the app shows them.
const number = (value: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 }).format(value);
const percent = (value: number) =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 }).format(value);

describe('quote formatting', () => {
  it('shows thousandths as a quantity, labour in hours', () => {
    expect(formatQuantity(1500, 'labour')).toBe(`${number(1.5)} h`);
    expect(formatQuantity(2000, 'part')).toBe(number(2));
    expect(formatQuantity(1, 'part')).toBe(number(0.001));
    expect(formatQuantity(1_000_000, 'fee')).toBe(number(1000));
  });

  it('shows a rate in basis points as a percentage', () => {
    expect(formatTaxRate(825)).toBe(percent(0.0825));
    expect(formatTaxRate(0)).toBe(percent(0));
    expect(formatTaxRate(5000)).toBe(percent(0.5));
  });
});
