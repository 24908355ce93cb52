import { MECHANIC_PRESENCE } from '@autodoctor/session-core/rules';
import { sql } from 'drizzle-orm';
import type { ParsedAnalyticsInput } from '../input.ts';
import { definePanel, inRange, rangeFrom, rangeTo } from '../panel.ts';

/** A mechanic's state now: busy (in a session not over), available (online, free) or offline. */
const statusNow = sql`
  CASE WHEN EXISTS (SELECT 1 FROM session_participants AS p
                    WHERE p.user_id = u.id AND p.role = 'mechanic' AND p.left_at IS NULL) THEN 'busy'
       WHEN pr.online AND pr.last_seen_at > now() - make_interval(secs => ${MECHANIC_PRESENCE.offlineAfterSeconds})
         THEN 'available'
       ELSE 'offline' END`;

/** Seconds a session was live within the range (a live one counts up to now). */
const liveSecondsInRange = (input: ParsedAnalyticsInput) => sql`
  date_part('epoch', least(coalesce(s.ended_at, now()), ${rangeTo(input)}) - greatest(s.started_at, ${rangeFrom(input)}))`;

/**
 * Each mechanic (every mechanic account, by name): sessions accepted in the range, their accept
 * time p50, live time in the range and utilisation (live time / range, percent), and their
 * state now.
 */
export const mechanicFigures = definePanel(
  [
    { key: 'mechanic', label: 'Mechanic' },
    { key: 'sessions', label: 'Sessions accepted', unit: 'count' },
    { key: 'accept_p50', label: 'Time to accept p50', unit: 'seconds' },
    { key: 'live_seconds', label: 'Live time', unit: 'seconds' },
    { key: 'utilisation', label: 'Utilisation', unit: 'percent' },
    { key: 'status', label: 'Now' },
    // Last: a name reads better as the row's header; the id tells two of the same name apart.
    { key: 'mechanic_id', label: 'Mechanic id' },
  ],
  (input) => sql`
    -- The assignment has the accept and the queue entry (made with its session); only a scheduled
    -- session's due time comes from the session (a small partial index).
    WITH scheduled AS (
      SELECT id, scheduled_for FROM sessions WHERE scheduled_for IS NOT NULL
    ), accepted AS (
      SELECT a.mechanic_user_id AS mechanic, count(*)::int AS sessions,
             percentile_cont(0.5) WITHIN GROUP (
               ORDER BY date_part('epoch', a.accepted_at - greatest(a.created_at, coalesce(sc.scheduled_for, a.created_at)))) AS p50
      FROM session_assignments AS a LEFT JOIN scheduled AS sc ON sc.id = a.session_id
      WHERE a.accepted_at IS NOT NULL AND ${inRange(input, sql`a.accepted_at`)} AND a.mechanic_user_id IS NOT NULL
      GROUP BY 1
    ), overlapping AS (
      -- Sessions live during the range: ended after its start, or live now (two index scans).
      SELECT id, started_at, ended_at FROM sessions
      WHERE ended_at > ${rangeFrom(input)} AND started_at IS NOT NULL AND started_at < ${rangeTo(input)}
      UNION ALL
      SELECT id, started_at, ended_at FROM sessions
      WHERE status = 'live' AND ended_at IS NULL AND started_at < ${rangeTo(input)}
    ), live AS (
      SELECT a.mechanic_user_id AS mechanic, sum(${liveSecondsInRange(input)}) AS seconds
      FROM overlapping AS s JOIN session_assignments AS a ON a.session_id = s.id
      WHERE a.mechanic_user_id IS NOT NULL
      GROUP BY 1)
    SELECT u.id AS mechanic_id, u.name AS mechanic, coalesce(ac.sessions, 0) AS sessions,
           round(coalesce(ac.p50, 0)::numeric, 1)::float8 AS accept_p50,
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
    WITH given AS (
      SELECT mechanic_user_id AS mechanic, count(*)::int AS ratings, avg(stars) AS average,
             ${sql.join(
               [1, 2, 3, 4, 5].map(
                 (stars) =>
                   sql`count(*) FILTER (WHERE stars = ${stars})::int AS ${sql.identifier(`stars_${stars}`)}`,
               ),
               sql`, `,
             )}
      FROM session_ratings WHERE ${inRange(input, sql`created_at`)}
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
