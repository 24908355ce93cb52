import { describe, expect, it } from 'vitest';
import { formatDuration, formatVehicle } from './format.ts';

describe('format', () => {
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
