import { useTestDatabase } from '@autodoctor/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { histogramPercentiles } from './histogram.ts';

const database = useTestDatabase({ max: 2 });

/**
 * The approximation the time-to-accept and mechanics panels state: percentiles read from the waits'
 * histogram against PostgreSQL's exact percentile_cont, on groups of 500, 3, 2 and 1 waits.
 */
describe('percentiles from the waits histogram', () => {
  it('are within 2.5 % of percentile_cont + 1 s', async () => {
    const quantiles = [0.5, 0.9, 0.99] as const;
    const rows = await database.db.execute<Record<string, number>>(sql`
      WITH waits AS (
        -- 500 waits like the bench's: 15 s plus an exponential tail (a fixed pseudo-random sequence),
        -- and a few under a second; then small groups, where a percentile interpolates two waits.
        SELECT 1 AS g, CASE WHEN k % 50 = 0 THEN (k % 7) / 10.0 ELSE 15 - 90 * ln(((k * 7919) % 1000 + 0.5) / 1000) END AS wait
        FROM generate_series(1, 500) AS k
        UNION ALL SELECT 2, unnest(ARRAY[3.2, 47, 3600])
        UNION ALL SELECT 3, unnest(ARRAY[0.4, 86399])
        UNION ALL SELECT 4, 120
      ), hist AS (
        SELECT g, analytics_wait_bin(wait) AS bin, count(*) AS n FROM waits GROUP BY 1, 2
      ), approx AS (${histogramPercentiles('hist', 'g', quantiles)})
      SELECT g, count(*)::int AS total, approx.total::int AS approx_total,
             percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY wait) AS exact,
             ARRAY[approx.p1, approx.p2, approx.p3] AS approx
      FROM waits JOIN approx USING (g)
      GROUP BY g, approx.total, approx.p1, approx.p2, approx.p3
      ORDER BY g`);
    const groups = [...rows] as unknown as {
      g: number;
      total: number;
      approx_total: number;
      exact: number[];
      approx: number[];
    }[];
    expect(groups.map((group) => [group.g, group.total, group.approx_total])).toEqual([
      [1, 500, 500],
      [2, 3, 3],
      [3, 2, 2],
      [4, 1, 1],
    ]);
    let worst = 0;
    for (const group of groups)
      quantiles.forEach((_, index) => {
        const exact = group.exact[index]!;
        const error = Math.abs(group.approx[index]! - exact);
        expect(
          error,
          `group ${group.g} p${quantiles[index]}: ${group.approx[index]} vs ${exact}`,
        ).toBeLessThanOrEqual(0.025 * exact + 1);
        worst = Math.max(worst, error / (0.025 * exact + 1));
      });
    // Not trivially met: the bins are that coarse.
    expect(worst).toBeGreaterThan(0.1);
  });

  it('puts every wait up to ~23 h in a bin worth within 2.5 % of it (0.5 s under 1 s)', async () => {
    const [row] = await database.db.execute<{ worst: number; bins: number; last: number }>(sql`
      SELECT max(abs(analytics_wait_bin_value(analytics_wait_bin(w)) - w) / greatest(w, 20)) AS worst,
             count(DISTINCT analytics_wait_bin(w))::int AS bins, analytics_wait_bin(100000) AS last
      FROM (SELECT k / 1000.0 AS w FROM generate_series(0, 1000) AS k
            UNION ALL SELECT power(1.0001, k) FROM generate_series(0, 113000) AS k) AS waits`);
    // Bins 0 to 232 up to 1.0001^113000 s (~22.4 h); 233 holds everything from ~22.9 h.
    expect([row?.bins, row?.last]).toEqual([233, 233]);
    expect(row?.worst).toBeLessThanOrEqual(0.025);
  });
});
