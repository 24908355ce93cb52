import { sql, type SQL } from 'drizzle-orm';

/**
 * Percentiles read from a histogram of waits (bins of `analytics_wait_bin`, each ~5 % wide): the
 * rows of `hist` (`group`, `bin`, `n`) give per group `total` and `p1`, `p2`, … for `quantiles`,
 * interpolated like percentile_cont between the values of the bins holding the two nearest ranks.
 * A bin's value is within 2.5 % of every wait in it (0.5 s for waits under 1 s), so each
 * percentile is within 2.5 % + 0.5 s of the exact one: an approximation, and labelled so.
 */
export const histogramPercentiles = (hist: string, group: string, quantiles: readonly number[]): SQL => {
  const g = sql.identifier(group);
  // float8 and bigint throughout: numeric arithmetic here cost most of a panel's time.
  const rank = (q: number) => sql.raw(`${q}::float8 * (total - 1)`);
  return sql`
    SELECT ${g}, total, ${sql.join(
      quantiles.map((q, index) => {
        const lo = sql.identifier(`lo_${index}`);
        const hi = sql.identifier(`hi_${index}`);
        return sql`analytics_wait_bin_value(${lo}) + (${rank(q)} - floor(${rank(q)}))
                   * (analytics_wait_bin_value(${hi}) - analytics_wait_bin_value(${lo})) AS ${sql.identifier(`p${index + 1}`)}`;
      }),
      sql`, `,
    )}
    FROM (
      SELECT ${g}, max(total) AS total, ${sql.join(
        quantiles.map(
          (q, index) => sql`
            min(bin) FILTER (WHERE upto > floor(${rank(q)})) AS ${sql.identifier(`lo_${index}`)},
            min(bin) FILTER (WHERE upto > least(total - 1, floor(${rank(q)}) + 1)) AS ${sql.identifier(`hi_${index}`)}`,
        ),
        sql`, `,
      )}
      FROM (SELECT ${g}, bin, sum(n::int) OVER (PARTITION BY ${g} ORDER BY bin) AS upto,
                   sum(n::int) OVER (PARTITION BY ${g}) AS total
            FROM ${sql.identifier(hist)}) AS cumulative
      GROUP BY ${g}) AS picked`;
};
