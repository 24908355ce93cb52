import { useTestDatabase } from '@autodoctor/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { panelToCsv } from './csv.ts';
import { AnalyticsInputError } from './input.ts';
import { ANALYTICS_PANELS } from './registry.ts';
import { refreshAnalyticsRollups } from './rollups.ts';
import { earnings, quoteFigures, revenue } from './panels/money.ts';
import { mechanicFigures, mechanicsNow, ratingsByMechanic } from './panels/mechanics.ts';
import { queueNow, queueOverTime } from './panels/queue.ts';
import { abandonment, intakeHeatmap, sessionsCreated, timeToAccept } from './panels/sessions.ts';
import { RANGE, seedHistory } from './test-data.ts';

const database = useTestDatabase({ max: 4 });
const utcDays = { ...RANGE, timeZone: 'UTC', bucket: 'day' } as const;

beforeAll(async () => {
  await seedHistory(database.sql);
});

describe('sessions created by type', () => {
  it('counts each UTC day by type', async () => {
    const result = await sessionsCreated(database.db, utcDays);
    expect(result.columns.map((column) => column.key)).toEqual(['bucket', 'free', 'credit', 'paid', 'total']);
    expect(result.rows).toEqual([
      { bucket: '2026-03-02', free: 1, credit: 1, paid: 0, total: 2 },
      { bucket: '2026-03-03', free: 1, credit: 0, paid: 1, total: 2 },
      { bucket: '2026-03-04', free: 0, credit: 0, paid: 1, total: 1 },
    ]);
  });

  it("buckets in the operator's time zone: 23:30 UTC is the next day in Europe/Berlin", async () => {
    const result = await sessionsCreated(database.db, { ...utcDays, timeZone: 'Europe/Berlin' });
    // The range ends at 01:00 on 03-05 in Berlin, so that day is a (partial) bucket too.
    expect(result.rows).toEqual([
      { bucket: '2026-03-02', free: 1, credit: 1, paid: 0, total: 2 },
      { bucket: '2026-03-03', free: 0, credit: 0, paid: 1, total: 1 },
      { bucket: '2026-03-04', free: 1, credit: 0, paid: 1, total: 2 },
      { bucket: '2026-03-05', free: 0, credit: 0, paid: 0, total: 0 },
    ]);
  });

  it('gives hour buckets, every hour present', async () => {
    const result = await sessionsCreated(database.db, {
      from: new Date('2026-03-02T09:00Z'),
      to: new Date('2026-03-02T13:00Z'),
      timeZone: 'Asia/Kolkata', // +05:30: hours start at :30 UTC
      bucket: 'hour',
    });
    expect(result.rows.map((row) => [row.bucket, row.total])).toEqual([
      ['2026-03-02T14:00', 0], // 08:30–09:30 UTC, from 09:00
      ['2026-03-02T15:00', 1], // 10:00
      ['2026-03-02T16:00', 1], // 11:00
      ['2026-03-02T17:00', 0],
      ['2026-03-02T18:00', 0], // 12:30–13:00 UTC
    ]);
  });

  it('an empty range gives a zero row per bucket', async () => {
    const result = await sessionsCreated(database.db, {
      from: new Date('2025-01-01T00:00Z'),
      to: new Date('2025-01-04T00:00Z'),
      timeZone: 'UTC',
      bucket: 'day',
    });
    expect(result.rows).toEqual(
      ['2025-01-01', '2025-01-02', '2025-01-03'].map((bucket) => ({
        bucket,
        free: 0,
        credit: 0,
        paid: 0,
        total: 0,
      })),
    );
  });
});

describe('time to accept', () => {
  it('gives p50/p90/p99 in seconds per day of the accept from the waits histogram, zeros without accepts', async () => {
    const result = await timeToAccept(database.db, utcDays);
    expect(result.columns.find((column) => column.key === 'p50')?.label).toBe('p50 (approx. ±2.5 %)');
    expect(result.rows).toEqual([
      // 300 s and 600 s fall in bins worth 1.05^116.5 = 294.1 s and 1.05^131.5 = 611.5 s
      // (exact: p50 = 450, p90 = 570, p99 = 597), interpolated like percentile_cont.
      { bucket: '2026-03-02', accepted: 2, p50: 452.8, p90: 579.8, p99: 608.3 },
      { bucket: '2026-03-03', accepted: 0, p50: 0, p90: 0, p99: 0 },
      // 1200 s: its bin is worth 1.05^145.5 = 1210.7 s.
      { bucket: '2026-03-04', accepted: 1, p50: 1210.7, p90: 1210.7, p99: 1210.7 },
    ]);
  });
});

describe('abandonment', () => {
  it('counts cancelled or expired before any accept, as a rate of the day’s sessions', async () => {
    const result = await abandonment(database.db, utcDays);
    expect(result.rows).toEqual([
      { bucket: '2026-03-02', created: 2, abandoned: 0, rate: 0 },
      { bucket: '2026-03-03', created: 2, abandoned: 2, rate: 100 },
      { bucket: '2026-03-04', created: 1, abandoned: 0, rate: 0 },
    ]);
  });
});

describe('queue', () => {
  it('reconstructs the queue at each bucket end from the events', async () => {
    const result = await queueOverTime(database.db, utcDays);
    expect(result.rows).toEqual([
      { bucket: '2026-03-02', queued: 0, oldest_wait: 0 },
      // S4, created 23:30, waiting at midnight
      { bucket: '2026-03-03', queued: 1, oldest_wait: 1800 },
      { bucket: '2026-03-04', queued: 0, oldest_wait: 0 },
    ]);
  });

  it('hour by hour: S3 is queued from 09:00 to its cancel at 09:30', async () => {
    const result = await queueOverTime(database.db, {
      from: new Date('2026-03-03T08:00Z'),
      to: new Date('2026-03-03T10:00Z'),
      timeZone: 'UTC',
      bucket: 'hour',
    });
    expect(result.rows).toEqual([
      // At 09:00 sharp S3 has just entered the queue; by 10:00 it was cancelled.
      { bucket: '2026-03-03T08:00', queued: 1, oldest_wait: 0 },
      { bucket: '2026-03-03T09:00', queued: 0, oldest_wait: 0 },
    ]);
    const during = await queueOverTime(database.db, {
      from: new Date('2026-03-03T09:00Z'),
      to: new Date('2026-03-03T09:20Z'),
      timeZone: 'UTC',
      bucket: 'hour',
    });
    expect(during.rows).toEqual([{ bucket: '2026-03-03T09:00', queued: 1, oldest_wait: 1200 }]);
  });

  it('now: the pending sessions and the oldest wait', async () => {
    const result = await queueNow(database.db, utcDays);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.queued).toBe(1);
    // S6 was created 10 minutes ago by the database's clock.
    expect(result.rows[0]!.oldest_wait).toBeGreaterThanOrEqual(600);
    expect(result.rows[0]!.oldest_wait).toBeLessThan(24 * 3600);
  });
});

describe('heatmap', () => {
  it('gives 7 × 24 cells of intakes and accepts by weekday and hour', async () => {
    const result = await intakeHeatmap(database.db, utcDays);
    expect(result.rows).toHaveLength(168);
    const nonZero = result.rows.filter((row) => row.intakes !== 0 || row.accepts !== 0);
    expect(nonZero).toEqual([
      { weekday: 'Monday', hour: 10, intakes: 1, accepts: 1 },
      { weekday: 'Monday', hour: 11, intakes: 1, accepts: 1 },
      { weekday: 'Tuesday', hour: 9, intakes: 1, accepts: 0 },
      { weekday: 'Tuesday', hour: 23, intakes: 1, accepts: 0 },
      { weekday: 'Wednesday', hour: 12, intakes: 1, accepts: 1 },
    ]);
    const berlin = await intakeHeatmap(database.db, { ...utcDays, timeZone: 'Europe/Berlin' });
    expect(
      berlin.rows.find((row) => row.intakes === 1 && row.weekday === 'Wednesday' && row.hour === 0),
    ).toBeDefined();
  });
});

describe('mechanics', () => {
  it("gives each mechanic's sessions, accept p50, live time, utilisation and state now", async () => {
    const result = await mechanicFigures(database.db, utcDays);
    expect(result.rows).toEqual([
      // S1 (300 s, live 1800 s) and S5 (1200 s, live from 03-04 12:21 to the range's end: 41940 s);
      // the p50 from the waits' bins: (294.1 + 1210.7) / 2 (exact: 750).
      {
        mechanic_id: 'mech-alice',
        mechanic: 'Alice',
        sessions: 2,
        accept_p50: 752.4,
        live_seconds: 43740,
        utilisation: 16.9, // 43740 / 259200
        status: 'busy',
      },
      {
        mechanic_id: 'mech-bob',
        mechanic: 'Bob',
        sessions: 1,
        accept_p50: 611.5, // 600 s's bin
        live_seconds: 1800,
        utilisation: 0.7,
        status: 'offline',
      },
      {
        mechanic_id: 'mech-carol',
        mechanic: 'Carol',
        sessions: 0,
        accept_p50: 0,
        live_seconds: 0,
        utilisation: 0,
        status: 'available',
      },
    ]);
  });

  it('now: online, busy and available', async () => {
    const result = await mechanicsNow(database.db, utcDays);
    expect(result.rows).toEqual([{ online: 1, busy: 1, available: 1 }]);
  });

  it('ratings per mechanic', async () => {
    const result = await ratingsByMechanic(database.db, utcDays);
    const zeros = { stars_1: 0, stars_2: 0, stars_3: 0, stars_4: 0, stars_5: 0 };
    expect(result.rows).toEqual([
      {
        mechanic_id: 'mech-alice',
        mechanic: 'Alice',
        ratings: 2,
        average: 4.5,
        ...zeros,
        stars_4: 1,
        stars_5: 1,
      },
      { mechanic_id: 'mech-bob', mechanic: 'Bob', ratings: 1, average: 3, ...zeros, stars_3: 1 },
      { mechanic_id: 'mech-carol', mechanic: 'Carol', ratings: 0, average: 0, ...zeros },
    ]);
  });
});

describe('money', () => {
  it('revenue by type, credit packs sold and refunds, in integer cents of one currency', async () => {
    const result = await revenue(database.db, utcDays);
    expect(result.rows).toEqual([
      // S2's credit: 2500 / 5 credits. The eur pack of 03-02 is not counted.
      {
        bucket: '2026-03-02',
        paid_cents: 0,
        credit_cents: 500,
        packs_sold: 1,
        packs_cents: 2500,
        refunds: 0,
        refunds_cents: 0,
      },
      {
        bucket: '2026-03-03',
        paid_cents: 2900,
        credit_cents: 0,
        packs_sold: 0,
        packs_cents: 0,
        refunds: 1,
        refunds_cents: 2900,
      },
      {
        bucket: '2026-03-04',
        paid_cents: 2900,
        credit_cents: 0,
        packs_sold: 0,
        packs_cents: 0,
        refunds: 0,
        refunds_cents: 0,
      },
    ]);
    const eur = await revenue(database.db, { ...utcDays, currency: 'eur' });
    expect(eur.rows[0]).toMatchObject({ packs_sold: 1, packs_cents: 2200, paid_cents: 0 });
  });

  it('quotes sent and approved with their value', async () => {
    const result = await quoteFigures(database.db, utcDays);
    expect(result.rows).toEqual([
      { bucket: '2026-03-02', sent: 1, sent_cents: 10000, approved: 1, approved_cents: 8000 },
      { bucket: '2026-03-03', sent: 1, sent_cents: 5000, approved: 0, approved_cents: 0 },
      { bucket: '2026-03-04', sent: 0, sent_cents: 0, approved: 0, approved_cents: 0 },
    ]);
  });

  it('earnings earned, paid out and owed at each bucket end (from the balance before the range)', async () => {
    const result = await earnings(database.db, utcDays);
    expect(result.rows).toEqual([
      { bucket: '2026-03-02', earned_cents: 458, paid_out_cents: 0, owed_cents: 558 },
      { bucket: '2026-03-03', earned_cents: 0, paid_out_cents: 300, owed_cents: 258 },
      { bucket: '2026-03-04', earned_cents: 0, paid_out_cents: 0, owed_cents: 258 },
    ]);
  });
});

describe('input', () => {
  const refused = [
    ['from after to', { ...utcDays, from: RANGE.to, to: RANGE.from }, 'to'],
    ['from equal to to', { ...utcDays, to: RANGE.from }, 'to'],
    ['more than 366 days', { ...utcDays, from: new Date('2025-01-01Z'), to: new Date('2026-01-03Z') }, 'to'],
    [
      'hour buckets over 7 days',
      { ...utcDays, from: new Date('2026-03-01Z'), to: new Date('2026-03-09Z'), bucket: 'hour' },
      'bucket',
    ],
    ['an unknown time zone', { ...utcDays, timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['an offset instead of a zone', { ...utcDays, timeZone: '+05:30' }, 'timeZone'],
    ['an unknown bucket', { ...utcDays, bucket: 'week' }, 'bucket'],
    ['an invalid date', { ...utcDays, from: new Date('not a date') }, 'from'],
    ['a currency in capitals', { ...utcDays, currency: 'USD' }, 'currency'],
  ] as const;

  it.each(refused)('refuses %s with a typed error naming the field', async (_, input, path) => {
    const error = await sessionsCreated(database.db, input as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AnalyticsInputError);
    expect((error as AnalyticsInputError).code).toBe('INVALID_ANALYTICS_INPUT');
    expect((error as AnalyticsInputError).issues.map((issue) => issue.path)).toContain(path);
  });

  it('every panel validates its input, even those about now', async () => {
    for (const panel of ANALYTICS_PANELS)
      await expect(panel.run(database.db, { ...utcDays, bucket: 'week' } as never)).rejects.toBeInstanceOf(
        AnalyticsInputError,
      );
  });
});

describe('registry and CSV', () => {
  it('every registered panel runs and its CSV holds exactly the table’s numbers', async () => {
    expect(new Set(ANALYTICS_PANELS.map((panel) => panel.id)).size).toBe(ANALYTICS_PANELS.length);
    for (const panel of ANALYTICS_PANELS) {
      const result = await panel.run(database.db, utcDays);
      const lines = panelToCsv(result).split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines).toHaveLength(result.rows.length + 2);
      result.rows.forEach((row, index) => {
        expect(lines[index + 1]).toBe(result.columns.map((column) => String(row[column.key])).join(','));
      });
    }
  });
});

describe('rollups', () => {
  // Every panel of a range (those about now read no rollup, and their waits tick with the clock).
  const panels = ANALYTICS_PANELS.filter((panel) => !panel.id.endsWith('_now')).map((panel) => panel.run);
  const ranges = [
    utcDays,
    { ...utcDays, timeZone: 'Europe/Berlin' },
    { ...utcDays, timeZone: 'Asia/Kathmandu' }, // +05:45
    // A range starting and ending inside quarter-hours, in hours.
    {
      from: new Date('2026-03-02T09:07Z'),
      to: new Date('2026-03-03T09:52Z'),
      timeZone: 'UTC',
      bucket: 'hour',
    },
    {
      from: new Date('2026-03-02T21:07Z'),
      to: new Date('2026-03-04T13:52Z'),
      timeZone: 'Europe/Berlin',
      bucket: 'hour',
    },
  ] as const;
  const allFigures = () =>
    Promise.all(ranges.flatMap((range) => panels.map((panel) => panel(database.db, range))));

  it('give the same figures once the rollups hold all, half or none of the range, and panels read them', async () => {
    const before = await allFigures();
    const { completeUntil } = await refreshAnalyticsRollups(database.db);
    expect(completeUntil.getTime()).toBeLessThan(Date.now() - 6 * 3600_000 + 1);
    const [slots] = await database.sql<[{ created: number }]>`
      SELECT sum(created)::int AS created FROM analytics_session_slots`;
    // S1–S5 (S6, created 10 minutes ago, is after the watermark).
    expect(slots.created).toBe(5);
    const [rows] = await database.sql<[Record<string, number>]>`
      WITH marks AS (SELECT name, complete_until FROM analytics_rollups)
      SELECT (SELECT count(*)::int FROM analytics_money_slots)
               - (SELECT 2 * date_part('epoch', complete_until) / 900 + 2
                         - date_part('epoch', '2026-03-01T12:15Z'::timestamptz) / 900
                         - date_part('epoch', '2026-03-02T09:15Z'::timestamptz) / 900
                  FROM marks WHERE name = 'money_slots')::int AS money_beyond,
             (SELECT count(*)::int FROM analytics_rating_days) AS ratings,
             (SELECT count(*)::int FROM analytics_queue_slots) AS queue,
             -- Per quarter-hour or day up to the watermark (the cumulative ones from the first accept's next boundary).
             (SELECT count(*)::int FROM analytics_accept_wait_slots)
               - (SELECT date_part('epoch', complete_until - '2026-03-02T10:15Z') / 900 + 1 FROM marks
                  WHERE name = 'accept_wait_slots')::int AS waits_beyond,
             (SELECT count(*)::int FROM analytics_mechanic_wait_days)
               - (SELECT 2 * (date_part('epoch', complete_until - '2026-03-03T00:00Z') / 86400 + 1) FROM marks
                  WHERE name = 'mechanic_wait_days')::int AS mechanic_waits_beyond,
             (SELECT count(*)::int FROM analytics_mechanic_days)
               - (SELECT 2 + date_part('epoch', complete_until - '2026-03-04T00:00Z') / 86400 FROM marks
                  WHERE name = 'mechanic_days')::int AS mechanic_days_beyond,
             (SELECT array[bins::int[], counts] FROM analytics_accept_wait_slots ORDER BY slot DESC LIMIT 1) AS last_waits`;
    // Money's running totals: usd at every quarter-hour from the first line's (03-01 12:00), eur from
    // P2's (03-02 09:00). The queue's boundaries: S1 10:00, S2 11:00, S3
    // 09:00 and 09:15, S4 23:30 to 01:15 (8), S5 12:00 and 12:15. The waits: every quarter-hour
    // from S1's accept on, the last one holding the three accepts' bins (300 s, 600 s, 1200 s);
    // Alice's and Bob's every day from 03-03. Live time: Alice and Bob on 03-02, and Alice every
    // day from 03-04 (S5 is still live).
    expect(rows).toEqual({
      money_beyond: 0,
      ratings: 3,
      queue: 14,
      waits_beyond: 0,
      mechanic_waits_beyond: 0,
      mechanic_days_beyond: 0,
      last_waits: [
        [117, 132, 146],
        [1, 1, 1],
      ],
    });
    expect(await allFigures()).toEqual(before);

    // Half the range rolled up, half live: the watermarks in the middle of it.
    await database.sql`
      UPDATE analytics_rollups
      SET complete_until = CASE WHEN name LIKE '%_days' THEN '2026-03-03T00:00Z' ELSE '2026-03-03T10:00Z' END::timestamptz`;
    expect(await allFigures()).toEqual(before);

    // Refreshing again changes nothing.
    await refreshAnalyticsRollups(database.db);
    expect(await allFigures()).toEqual(before);

    // The figures come from the rollups: a change to one shows.
    await database.sql`UPDATE analytics_session_slots SET created = created + 100 WHERE slot = '2026-03-02T10:00Z'`;
    expect((await sessionsCreated(database.db, utcDays)).rows[0]!.total).toBe(102);
    await database.sql`UPDATE analytics_session_slots SET created = created - 100 WHERE slot = '2026-03-02T10:00Z'`;
    // (Money's rows are totals before them: 03-03's figures are the row at its end less the one at its start.)
    const moneyRow = database.sql`slot = '2026-03-04T00:00Z' AND currency = 'usd'`;
    await database.sql`UPDATE analytics_money_slots SET paid_cents = paid_cents + 1 WHERE ${moneyRow}`;
    expect((await revenue(database.db, utcDays)).rows[1]!.paid_cents).toBe(2901);
    await database.sql`UPDATE analytics_money_slots SET paid_cents = paid_cents - 1 WHERE ${moneyRow}`;
    await database.sql`UPDATE analytics_rating_days SET ratings = ratings + 1 WHERE mechanic_user_id = 'mech-bob'`;
    expect((await ratingsByMechanic(database.db, utcDays)).rows[1]!.ratings).toBe(2);
    await database.sql`UPDATE analytics_rating_days SET ratings = ratings - 1 WHERE mechanic_user_id = 'mech-bob'`;
    await database.sql`UPDATE analytics_queue_slots SET queued = queued + 1 WHERE at = '2026-03-03T09:15Z'`;
    const hours = await queueOverTime(database.db, {
      from: new Date('2026-03-03T08:00Z'),
      to: new Date('2026-03-03T10:00Z'),
      timeZone: 'Asia/Kathmandu', // hours end at :15 UTC: 08:15, 09:15 (S3 queued, +1), 10:00
      bucket: 'hour',
    });
    expect(hours.rows.map((row) => row.queued)).toEqual([0, 2, 0]);
    await database.sql`UPDATE analytics_queue_slots SET queued = queued - 1 WHERE at = '2026-03-03T09:15Z'`;
    expect(await allFigures()).toEqual(before);
  });

  it('rebuild the last day before their watermarks: a late move is caught', async () => {
    // S6 becomes 7 hours old and is cancelled: the next refresh takes it in as abandoned.
    await database.sql`UPDATE sessions SET created_at = now() - interval '7 hours', status = 'cancelled'
                       WHERE id = '00000000-0000-0000-0000-000000000006'`;
    await refreshAnalyticsRollups(database.db);
    const [row] = await database.sql<[{ created: number; abandoned: number }]>`
      SELECT sum(created)::int AS created, sum(abandoned)::int AS abandoned FROM analytics_session_slots`;
    expect(row).toEqual({ created: 6, abandoned: 3 });
  });
});
