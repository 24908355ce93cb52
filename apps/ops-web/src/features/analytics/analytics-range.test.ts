import { describe, expect, it } from 'vitest';
import { localDate, parseAnalyticsSearch, resolveRange, startOfLocalDay } from './analytics-range.ts';

const NOW = new Date('2026-12-07T18:20:30Z');

describe('startOfLocalDay', () => {
  it('finds midnight in the time zone, across a daylight saving change', () => {
    // Berlin moves to summer time at 02:00 on 2026-03-29.
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay('2026-12-07', 'America/New_York').toISOString()).toBe('2026-12-07T05:00:00.000Z');
    expect(startOfLocalDay('2026-12-07', 'UTC').toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('is the inverse of localDate', () => {
    for (const zone of ['Asia/Kolkata', 'Pacific/Auckland', 'America/Los_Angeles']) {
      expect(localDate(startOfLocalDay('2026-06-15', zone), zone)).toBe('2026-06-15');
    }
  });
});

describe('resolveRange', () => {
  it('ends a preset at the next whole minute, with hour buckets up to 7 days', () => {
    const day = resolveRange({ range: '24h' }, NOW, 'UTC');
    expect(day).toEqual({
      ok: true,
      range: { from: new Date('2026-12-06T18:21:00Z'), to: new Date('2026-12-07T18:21:00Z'), bucket: 'hour' },
    });
    const week = resolveRange({ range: '7d' }, NOW, 'UTC');
    expect(week.ok && week.range.bucket).toBe('hour');
    const year = resolveRange({ range: '365d' }, NOW, 'UTC');
    expect(year.ok && year.range.bucket).toBe('day');
    expect(year.ok && year.range.to.getTime() - year.range.from.getTime()).toBe(365 * 86_400_000);
  });

  it('covers a custom range from its first day to the end of its last, in the time zone', () => {
    expect(
      resolveRange({ range: 'custom', from: '2026-03-01', to: '2026-03-31' }, NOW, 'Europe/Berlin'),
    ).toEqual({
      ok: true,
      range: { from: new Date('2026-02-28T23:00:00Z'), to: new Date('2026-03-31T22:00:00Z'), bucket: 'day' },
    });
    const oneDay = resolveRange({ range: 'custom', from: '2026-12-01', to: '2026-12-01' }, NOW, 'UTC');
    expect(oneDay.ok && oneDay.range.bucket).toBe('hour');
  });

  it('refuses a custom range that is incomplete, backwards or too long, saying why', () => {
    expect(resolveRange({ range: 'custom', from: '2026-03-01' }, NOW, 'UTC')).toEqual({
      ok: false,
      message: 'Choose the first and the last day.',
    });
    expect(resolveRange({ range: 'custom', from: '2026-03-02', to: '2026-03-01' }, NOW, 'UTC')).toEqual({
      ok: false,
      message: 'The first day must not be after the last.',
    });
    expect(resolveRange({ range: 'custom', from: '2025-01-01', to: '2026-03-01' }, NOW, 'UTC')).toEqual({
      ok: false,
      message: 'A range is at most 366 days.',
    });
  });
});

describe('parseAnalyticsSearch', () => {
  it('falls back to the last 7 days on an address it cannot read', () => {
    expect(parseAnalyticsSearch({})).toEqual({ range: '7d' });
    expect(parseAnalyticsSearch({ range: 'forever', from: 'yesterday' })).toEqual({ range: '7d' });
    expect(parseAnalyticsSearch({ range: 'custom', from: '2026-01-01', to: '2026-01-31' })).toEqual({
      range: 'custom',
      from: '2026-01-01',
      to: '2026-01-31',
    });
  });
});
