import { ANALYTICS_LIMITS, type AnalyticsBucket } from '@autodoctor/analytics/limits';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The ranges an operator picks with one click, ending now. */
export const RANGE_PRESETS = [
  { id: '24h', label: 'Last 24 hours', hours: 24 },
  { id: '7d', label: 'Last 7 days', hours: 7 * 24 },
  { id: '30d', label: 'Last 30 days', hours: 30 * 24 },
  { id: '365d', label: 'Last 365 days', hours: 365 * 24 },
] as const;

export type RangeChoice = (typeof RANGE_PRESETS)[number]['id'] | 'custom';
const RANGE_CHOICES = [...RANGE_PRESETS.map((preset) => preset.id), 'custom'] as const;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface AnalyticsSearch {
  /** The last 7 days when absent (optional, so a link to the console needs no search). */
  range?: RangeChoice;
  /** Custom only: local dates, both days included. */
  from?: string;
  to?: string;
}

const isRangeChoice = (value: unknown): value is RangeChoice =>
  (RANGE_CHOICES as readonly unknown[]).includes(value);
const localDateOrNothing = (value: unknown) =>
  typeof value === 'string' && LOCAL_DATE.test(value) ? { value } : undefined;

/**
 * The console's address search (the router's validateSearch): a preset, or `custom` with local
 * dates. Anything unreadable falls back to the last 7 days rather than failing the page. Plain
 * code, not zod: the router is in the first load, which stays small.
 */
export function parseAnalyticsSearch(search: Record<string, unknown>): AnalyticsSearch {
  const from = localDateOrNothing(search.from);
  const to = localDateOrNothing(search.to);
  return {
    range: isRangeChoice(search.range) ? search.range : '7d',
    ...(from ? { from: from.value } : {}),
    ...(to ? { to: to.value } : {}),
  };
}

/** What every panel is asked for: `ops.panel`'s range. */
export interface ResolvedRange {
  from: Date;
  to: Date;
  bucket: AnalyticsBucket;
}

export type RangeResolution = { ok: true; range: ResolvedRange } | { ok: false; message: string };

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a local date (`2026-03-29`) begins in `timeZone`, daylight saving time included. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day);
  // The offset at the first guess, then at the instant found (they differ across a DST change).
  const guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  return new Date(asUtc - zoneOffsetMs(guess, timeZone));
}

/** The local date (`2026-03-29`) of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Hour buckets while they stay readable (the analytics package's limit), days beyond. */
const bucketFor = (from: Date, to: Date): AnalyticsBucket =>
  to.getTime() - from.getTime() <= ANALYTICS_LIMITS.maxHourBucketRangeDays * DAY_MS ? 'hour' : 'day';

/**
 * The range a search stands for. A preset ends at the next whole minute, so the panels' queries
 * stay the same (and cached) within a minute; a custom range runs from the start of its first
 * day to the end of its last, in the operator's time zone.
 */
export function resolveRange(search: AnalyticsSearch, now: Date, timeZone: string): RangeResolution {
  if (search.range !== 'custom') {
    const preset = RANGE_PRESETS.find((candidate) => candidate.id === (search.range ?? '7d'))!;
    const to = new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
    const from = new Date(to.getTime() - preset.hours * HOUR_MS);
    return { ok: true, range: { from, to, bucket: bucketFor(from, to) } };
  }
  if (!search.from || !search.to) return { ok: false, message: 'Choose the first and the last day.' };
  if (search.from > search.to) return { ok: false, message: 'The first day must not be after the last.' };
  const from = startOfLocalDay(search.from, timeZone);
  const dayAfter = new Date(Date.parse(`${search.to}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const to = startOfLocalDay(dayAfter, timeZone);
  if (to.getTime() - from.getTime() > ANALYTICS_LIMITS.maxRangeDays * DAY_MS)
    return { ok: false, message: `A range is at most ${ANALYTICS_LIMITS.maxRangeDays} days.` };
  return { ok: true, range: { from, to, bucket: bucketFor(from, to) } };
}
