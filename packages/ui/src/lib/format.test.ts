import { describe, expect, it } from 'vitest';
import { formatDuration, formatMoney, formatVehicle } from './format.ts';

describe('format', () => {
  it('formats cents in their own currency, each currency with its own formatter', () => {
    const usd = (cents: number) =>
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(cents / 100);
    const eur = (cents: number) =>
      new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(cents / 100);
    expect(formatMoney(1999)).toBe(usd(1999));
    expect(formatMoney(1999, 'eur')).toBe(eur(1999));
    expect(formatMoney(500, 'usd')).toBe(usd(500));
    expect(formatMoney(500, null)).toBe(usd(500));
    expect(formatMoney(500, 'EUR')).toBe(eur(500));
  });

  it('says durations the short way', () => {
    expect(formatDuration(-3)).toBe('0 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(180)).toBe('3 min');
    expect(formatDuration(3900)).toBe('1 h 5 min');
    expect(formatDuration(7200)).toBe('2 h');
  });

  it('names a vehicle by year, make and model', () => {
    expect(formatVehicle({ year: 2017, make: 'Honda', model: 'Civic' })).toBe('2017 Honda Civic');
  });
});
