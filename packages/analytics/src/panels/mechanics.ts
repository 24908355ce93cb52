import { MECHANIC_PRESENCE } from '@autodoctor/session-core/rules';
import { sql } from 'drizzle-orm';
import { histogramPercentiles } from '../histogram.ts';
import { definePanel, rangeFrom, rangeTo } from '../panel.ts';
import {
  cumulativeWindow,
  liveOutside,
  MECHANIC_LIVE_ROLLUP,
  MECHANIC_WAIT_ROLLUP,
  RATING_ROLLUP,
  rolledHistogram,
  rollupFacts,
} from '../rollups.ts';

/** A mechanic's state now: busy (in a session not over), available (online, free) or offline. */
const statusNow = sql`
  CASE WHEN EXISTS (SELECT 1 FROM session_participants AS p
                    WHERE p.user_id = u.id AND p.role = 'mechanic' AND p.left_at IS NULL) THEN 'busy'
       WHEN pr.online AND pr.last_seen_at > now() - make_interval(secs => ${MECHANIC_PRESENCE.offlineAfterSeconds})
         THEN 'available'
       ELSE 'offline' END`;

/**
 * Each mechanic (every mechanic account, by name): sessions accepted in the range, their accept
 * time p50 (read from the waits' histogram: approximate, within 2.5 % + 0.5 s), live time in the
 * range and utilisation (live time / range, percent), and their state now.
 */
export const mechanicFigures = definePanel(
  [
    { key: 'mechanic', label: 'Mechanic' },
    { key: 'sessions', label: 'Sessions accepted', unit: 'count' },
    { key: 'accept_p50', label: 'Time to accept p50 (approx. ±2.5 %)', unit: 'seconds' },
    { key: 'live_seconds', label: 'Live time', unit: 'seconds' },
    { key: 'utilisation', label: 'Utilisation', unit: 'percent' },
    { key: 'status', label: 'Now' },
    // Last: a name reads better as the row's header; the id tells two of the same name apart.
    { key: 'mechanic_id', label: 'Mechanic id' },
  ],
  (input) => sql`
    WITH ${cumulativeWindow(MECHANIC_WAIT_ROLLUP, 'waits', rangeFrom(input), rangeTo(input))},
    hist AS (
      SELECT mechanic_user_id AS mechanic, bin, sum(n) AS n FROM (
        -- The range's whole UTC days the rollup has: two rows per mechanic, then the rest live.
        SELECT mechanic_user_id, bin, n FROM (${rolledHistogram(
          MECHANIC_WAIT_ROLLUP,
          sql`SELECT 1 AS i, lo AS a, hi AS b FROM waits_window`,
        )}) AS rolled
        UNION ALL
        SELECT mechanic_user_id, bin, n
        FROM (${liveOutside(MECHANIC_WAIT_ROLLUP, 'waits', rangeFrom(input), rangeTo(input))}) AS live) AS parts
      GROUP BY 1, 2 HAVING sum(n) > 0
    ), accepted AS (${histogramPercentiles('hist', 'mechanic', [0.5])}
    ), ${rollupFacts(MECHANIC_LIVE_ROLLUP, 'live_facts', rangeFrom(input), rangeTo(input))}, live AS (
      SELECT mechanic_user_id AS mechanic, sum(live_microseconds)::float8 / 1000000 AS seconds
      FROM live_facts GROUP BY 1)
    SELECT u.id AS mechanic_id, u.name AS mechanic, coalesce(ac.total, 0)::int AS sessions,
           round(coalesce(ac.p1, 0)::numeric, 1)::float8 AS accept_p50,
           round(coalesce(l.seconds, 0))::float8 AS live_seconds,
           round((100 * coalesce(l.seconds, 0) / date_part('epoch', ${rangeTo(input)} - ${rangeFrom(input)}))::numeric, 1)::float8
             AS utilisation,
           ${statusNow} AS status
    FROM users AS u
    LEFT JOIN mechanic_presence AS pr ON pr.mechanic_user_id = u.id
    LEFT JOIN accepted AS ac ON ac.mechanic = u.id
    LEFT JOIN live AS l ON l.mechanic = u.id
    WHERE u.role = 'mechanic' AND u.deleted_at IS NULL
    ORDER BY u.name, u.id`,
);

/** Mechanics now (the range plays no part): online (switched on, heard from lately), busy, available. */
export const mechanicsNow = definePanel(
  [
    { key: 'online', label: 'Online', unit: 'count' },
    { key: 'busy', label: 'Busy', unit: 'count' },
    { key: 'available', label: 'Available', unit: 'count' },
  ],
  () => sql`
    WITH states AS (
      SELECT ${statusNow} AS status,
             coalesce(pr.online AND pr.last_seen_at > now() - make_interval(secs => ${MECHANIC_PRESENCE.offlineAfterSeconds}), false)
               AS online
      FROM users AS u LEFT JOIN mechanic_presence AS pr ON pr.mechanic_user_id = u.id
      WHERE u.role = 'mechanic' AND u.deleted_at IS NULL)
    SELECT count(*) FILTER (WHERE online)::int AS online,
           count(*) FILTER (WHERE status = 'busy')::int AS busy,
           count(*) FILTER (WHERE status = 'available')::int AS available
    FROM states`,
);

/** Ratings given in the range, per mechanic (every mechanic account): how many, the average, each star count. */
export const ratingsByMechanic = definePanel(
  [
    { key: 'mechanic', label: 'Mechanic' },
    { key: 'ratings', label: 'Ratings', unit: 'count' },
    { key: 'average', label: 'Average', unit: 'stars' },
    ...[1, 2, 3, 4, 5].map((stars) => ({
      key: `stars_${stars}`,
      label: `${stars} ★`,
      unit: 'count' as const,
    })),
    // Last: a name reads better as the row's header; the id tells two of the same name apart.
    { key: 'mechanic_id', label: 'Mechanic id' },
  ],
  (input) => sql`
    WITH ${rollupFacts(RATING_ROLLUP, 'rating_facts', rangeFrom(input), rangeTo(input))}, given AS (
      SELECT mechanic_user_id AS mechanic, sum(ratings)::int AS ratings,
             sum(stars_sum)::numeric / nullif(sum(ratings), 0) AS average,
             ${sql.join(
               [1, 2, 3, 4, 5].map(
                 (stars) =>
                   sql`sum(${sql.identifier(`stars_${stars}`)})::int AS ${sql.identifier(`stars_${stars}`)}`,
               ),
               sql`, `,
             )}
      FROM rating_facts
      GROUP BY 1)
    SELECT u.id AS mechanic_id, u.name AS mechanic, coalesce(g.ratings, 0) AS ratings,
           round(coalesce(g.average, 0), 2)::float8 AS average,
           ${sql.join(
             [1, 2, 3, 4, 5].map(
               (stars) =>
                 sql`coalesce(g.${sql.identifier(`stars_${stars}`)}, 0) AS ${sql.identifier(`stars_${stars}`)}`,
             ),
             sql`, `,
           )}
    FROM users AS u LEFT JOIN given AS g ON g.mechanic = u.id
    WHERE u.role = 'mechanic' AND u.deleted_at IS NULL
    ORDER BY u.name, u.id`,
);
