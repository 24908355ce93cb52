// The bench's history, written by PostgreSQL itself (INSERT … SELECT over generate_series): N
// sessions over the past year with their assignments, participants, events, credit packs, refunds,
// quotes, earnings and ratings. Shaped like a real queue: busy afternoons, quieter weekends, accept
// waits of a few minutes with a long tail, about 1 in 6 sessions abandoned.
import type postgres from 'postgres';

export const BENCH_MECHANICS = 200;
const CUSTOMERS = 100_000;

/** The steps, each one statement (or a few), in order; `progress` hears each one's name and time. */
export async function seedBenchHistory(
  sql: postgres.Sql,
  sessions: number,
  progress: (line: string) => void,
): Promise<void> {
  const step = async (name: string, statements: string) => {
    const started = performance.now();
    // One query, one implicit transaction: SET LOCAL holds for its statements.
    await sql.unsafe(`SET LOCAL session_replication_role = replica; ${statements}`);
    progress(`  ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };
  // Bench data only: foreign-key checks and the feed triggers (NOTIFY, room lines) are skipped
  // (session_replication_role = replica, in every step).

  await step(
    `${BENCH_MECHANICS} mechanics, ${CUSTOMERS.toLocaleString('en')} customers`,
    `
    INSERT INTO users (id, name, email, role)
    SELECT 'bench-m-' || g, 'Mechanic ' || lpad(g::text, 3, '0'), 'bench-m-' || g || '@example.test', 'mechanic'
    FROM generate_series(1, ${BENCH_MECHANICS}) AS g;
    INSERT INTO users (id, name, email, role)
    SELECT 'bench-c-' || g, 'Customer ' || g, 'bench-c-' || g || '@example.test', 'customer'
    FROM generate_series(0, ${CUSTOMERS - 1}) AS g;
    -- Two thirds of the mechanics switched on, most of them heard from lately.
    INSERT INTO mechanic_presence (mechanic_user_id, online, last_seen_at, changed_at)
    SELECT 'bench-m-' || g, g % 3 <> 0, now() - make_interval(secs => (g % 5) * 100), now() - interval '3 hours'
    FROM generate_series(1, ${BENCH_MECHANICS}) AS g;`,
  );

  await step(
    `the plan of ${sessions.toLocaleString('en')} sessions`,
    `
    CREATE UNLOGGED TABLE bench_plan AS
    WITH drawn AS (
      SELECT n,
             -- A day of the past year (a weekend day moved to Friday 4 times in 10), then an hour
             -- peaking mid-afternoon, and a minute.
             date_trunc('day', now() - make_interval(days => floor(random() * 365)::int)) AS day,
             CASE WHEN random() < 0.15 THEN random() * 24
                  ELSE 7 + 14 * (random() + random() + random()) / 3 END AS hour,
             random() AS kind, random() AS outcome, random() AS wait, random() AS length
      FROM generate_series(1, ${sessions}) AS n
    ), timed AS (
      SELECT n, kind, outcome, wait, length,
             least(day - CASE WHEN extract(isodow FROM day) >= 6 AND random() < 0.4
                              THEN make_interval(days => extract(isodow FROM day)::int - 5) ELSE interval '0' END
                   + make_interval(secs => hour * 3600), now() - interval '1 second') AS created_at
      FROM drawn
    ), planned AS (
      SELECT n, created_at,
             (CASE WHEN kind < 0.3 THEN 'free' WHEN kind < 0.6 THEN 'credit' ELSE 'paid' END)::session_type AS type,
             CASE WHEN outcome < 0.09 THEN 'cancelled' WHEN outcome < 0.16 THEN 'expired' ELSE 'accepted' END AS outcome,
             -- Accept waits: 15 s plus an exponential tail of mean 2.5 min (cut at 110 min).
             created_at + make_interval(secs => 15 + least(-ln(1 - wait * 0.999999) * 150, 6600)) AS accepted_at,
             make_interval(secs => 600 + length * 2400) AS duration
      FROM timed
    )
    SELECT row_number() OVER (ORDER BY created_at) AS n, gen_random_uuid() AS id, created_at, type, outcome,
           CASE WHEN outcome = 'accepted' THEN accepted_at END AS accepted_at,
           CASE WHEN outcome = 'accepted' THEN accepted_at + interval '30 seconds' END AS started_at,
           CASE WHEN outcome = 'accepted' THEN accepted_at + interval '30 seconds' + duration END AS ended_at,
           CASE outcome WHEN 'cancelled' THEN created_at + (accepted_at - created_at) / 2
                        WHEN 'expired' THEN created_at + interval '2 hours' END AS abandoned_at
    FROM planned
    ORDER BY created_at;
    ALTER TABLE bench_plan ADD COLUMN status session_status, ADD COLUMN customer text, ADD COLUMN mechanic text;
    -- The status by now, who asked (a customer with a session under way has only that one) and
    -- who took it (a mechanic with a session under way has only that one).
    UPDATE bench_plan SET
      status = CASE WHEN outcome <> 'accepted' THEN
                      CASE WHEN abandoned_at > now() THEN 'pending' ELSE outcome END
                    WHEN accepted_at > now() THEN 'pending' WHEN started_at > now() THEN 'waiting'
                    WHEN ended_at > now() THEN 'live' ELSE 'ended' END::session_status,
      customer = 'bench-c-' || (n % ${CUSTOMERS}),
      mechanic = 'bench-m-' || (1 + (hashint4(n::int) & 2147483647) % ${BENCH_MECHANICS});
    UPDATE bench_plan SET accepted_at = NULL, started_at = NULL, ended_at = NULL WHERE status = 'pending';
    UPDATE bench_plan SET started_at = NULL, ended_at = NULL WHERE status = 'waiting';
    UPDATE bench_plan SET ended_at = NULL WHERE status = 'live';
    UPDATE bench_plan AS p SET mechanic = 'bench-m-' || (1 + a.rank % ${BENCH_MECHANICS})
    FROM (SELECT id, row_number() OVER (ORDER BY n) AS rank FROM bench_plan WHERE status IN ('waiting', 'live')) AS a
    WHERE a.id = p.id;
    UPDATE bench_plan SET mechanic = NULL WHERE outcome <> 'accepted' OR status = 'pending';
    CREATE INDEX ON bench_plan (id);
    ANALYZE bench_plan;`,
  );

  await step(
    'credit packs (one per 5 credit sessions)',
    `
    CREATE UNLOGGED TABLE bench_credit AS
    SELECT id AS session_id, created_at, customer, (row_number() OVER (ORDER BY n) - 1) / 5 AS pack
    FROM bench_plan WHERE type = 'credit';
    CREATE UNLOGGED TABLE bench_packs AS
    SELECT pack, gen_random_uuid() AS id, min(customer) AS customer, min(created_at) - interval '1 day' AS completed_at
    FROM bench_credit GROUP BY pack;
    INSERT INTO credit_purchases (id, customer_user_id, pack_id, credits, amount_cents, currency, status, created_at,
                                  completed_at, credits_left)
    SELECT id, customer, 'pack_5', 5, 2500, 'usd', 'completed', completed_at - interval '5 minutes', completed_at, 0
    FROM bench_packs;`,
  );

  await step(
    'sessions',
    `
    INSERT INTO sessions (id, type, status, customer_user_id, vehicle_year, vehicle_make, vehicle_model, concern,
                          created_at, accepted_at, started_at, ended_at, charged_credits, charged_amount_cents,
                          currency, credit_purchase_id, stripe_checkout_session_id, free_limit_exempt)
    SELECT p.id, p.type, p.status, p.customer, 2010 + p.n % 15, 'Toyota', 'Corolla', 'Noise when braking',
           p.created_at, p.accepted_at, p.started_at, p.ended_at,
           CASE WHEN p.type = 'credit' THEN 1 ELSE 0 END, CASE WHEN p.type = 'paid' THEN 2900 ELSE 0 END,
           CASE WHEN p.type = 'paid' THEN 'usd' END, bp.id,
           CASE WHEN p.type = 'paid' THEN 'cs_bench_' || p.n END, p.type = 'free'
    FROM bench_plan AS p
    LEFT JOIN bench_credit AS c ON c.session_id = p.id LEFT JOIN bench_packs AS bp ON bp.pack = c.pack
    ORDER BY p.n;`,
  );

  await step(
    'assignments and participants',
    `
    INSERT INTO session_assignments (session_id, status, mechanic_user_id, created_at, accepted_at)
    SELECT id, CASE WHEN status = 'pending' THEN 'queued' WHEN outcome = 'accepted' THEN 'accepted'
                    ELSE outcome END::assignment_status, mechanic, created_at, accepted_at
    FROM bench_plan ORDER BY n;
    INSERT INTO session_participants (session_id, user_id, role, joined_at, left_at)
    SELECT id, customer, 'customer', created_at,
           CASE WHEN status IN ('ended', 'cancelled', 'expired') THEN coalesce(ended_at, abandoned_at) END
    FROM bench_plan ORDER BY n;
    INSERT INTO session_participants (session_id, user_id, role, joined_at, left_at)
    SELECT id, mechanic, 'mechanic', accepted_at, ended_at FROM bench_plan WHERE mechanic IS NOT NULL ORDER BY n;`,
  );

  await step(
    'events',
    `
    INSERT INTO session_events (session_id, type, actor_user_id, payload, created_at)
    SELECT id, type::session_event_type, actor, payload, at FROM (
      SELECT n, 0 AS k, id, 'created' AS type, customer AS actor,
             jsonb_build_object('sessionType', type, 'status', 'pending') AS payload, created_at AS at FROM bench_plan
      UNION ALL SELECT n, 1, id, 'assignment_accepted', mechanic, '{"from":"pending","to":"waiting"}', accepted_at
      FROM bench_plan WHERE accepted_at IS NOT NULL
      UNION ALL SELECT n, 2, id, 'started', mechanic, '{"from":"waiting","to":"live"}', started_at
      FROM bench_plan WHERE started_at IS NOT NULL
      UNION ALL SELECT n, 3, id, 'ended', mechanic, '{"from":"live","to":"ended"}', ended_at
      FROM bench_plan WHERE ended_at IS NOT NULL
      UNION ALL SELECT n, 3, id, status::text, CASE WHEN status = 'cancelled' THEN customer END,
             '{"from":"pending"}', abandoned_at
      FROM bench_plan WHERE status IN ('cancelled', 'expired')
    ) AS e ORDER BY at, n, k;`,
  );

  await step(
    'refunds of abandoned paid sessions',
    `
    INSERT INTO stripe_refunds (stripe_checkout_session_id, session_id, reason, stripe_refund_id, requested_at,
                                refunded_at, next_attempt_at)
    SELECT 'cs_bench_' || n, id, 'session_' || status, 're_bench_' || n, abandoned_at,
           abandoned_at + interval '1 minute', abandoned_at
    FROM bench_plan WHERE type = 'paid' AND status IN ('cancelled', 'expired');`,
  );

  await step(
    'quotes (1 in 6 ended sessions), decisions, earnings, payouts, ratings (1 in 2)',
    `
    CREATE UNLOGGED TABLE bench_quotes AS
    SELECT gen_random_uuid() AS id, p.id AS session_id, p.customer, p.mechanic, p.ended_at + interval '10 minutes' AS sent_at,
           10000 + (p.n % 50) * 1000 AS total, p.n % 10 AS fate
    FROM bench_plan AS p WHERE p.status = 'ended' AND p.n % 6 = 0;
    INSERT INTO quotes (id, series_id, version, session_id, mechanic_user_id, customer_user_id, status, currency,
                        tax_rate_bps, workshop_name, workshop_address, valid_until, subtotal_cents, tax_cents,
                        total_cents, created_at, updated_at, sent_at, closed_at)
    SELECT id, id, 1, session_id, mechanic, customer,
           (CASE WHEN fate < 6 THEN 'approved' WHEN fate < 8 THEN 'declined' ELSE 'expired' END)::quote_status,
           'usd', 0, 'Bench Garage', '1 Main St', sent_at + interval '14 days', total, 0, total,
           sent_at - interval '5 minutes', sent_at, sent_at, sent_at + interval '1 day'
    FROM bench_quotes;
    INSERT INTO quote_decisions (quote_id, customer_user_id, signature_name, approved_total_cents, decided_at)
    SELECT id, customer, 'Bench Customer', CASE WHEN fate < 6 THEN total - (fate % 2) * 2000 ELSE 0 END,
           sent_at + interval '1 day'
    FROM bench_quotes WHERE fate < 8;
    INSERT INTO mechanic_earnings (mechanic_user_id, kind, amount_cents, currency, session_id, basis_cents, rate_bps,
                                   created_at)
    SELECT mechanic, 'referral_fee', 58, 'usd', id, 2900, 200, ended_at
    FROM bench_plan WHERE status = 'ended' AND type = 'paid' ORDER BY n;
    INSERT INTO mechanic_earnings (mechanic_user_id, kind, amount_cents, currency, session_id, quote_id, basis_cents,
                                   rate_bps, created_at)
    SELECT mechanic, 'quote_bonus', (total - (fate % 2) * 2000) / 20, 'usd', session_id, id,
           total - (fate % 2) * 2000, 500, sent_at + interval '1 day'
    FROM bench_quotes WHERE fate < 6 ORDER BY sent_at;
    -- Each mechanic paid out on the 1st of every month: what they earned the month before.
    INSERT INTO mechanic_earnings (mechanic_user_id, kind, amount_cents, currency, reference, recorded_by, created_at)
    SELECT mechanic_user_id, 'payout', -sum(amount_cents), 'usd', 'bench-transfer', 'bench',
           date_trunc('month', created_at) + interval '1 month'
    FROM mechanic_earnings
    WHERE kind <> 'payout' AND date_trunc('month', created_at) + interval '1 month' < now()
    GROUP BY mechanic_user_id, date_trunc('month', created_at)
    ORDER BY 6;
    INSERT INTO session_ratings (session_id, customer_user_id, mechanic_user_id, stars, created_at, updated_at)
    SELECT id, customer, mechanic,
           -- Mostly good: half 5 stars, 3 in 10 four, then the rest.
           CASE WHEN n % 20 < 10 THEN 5 WHEN n % 20 < 16 THEN 4 WHEN n % 20 < 18 THEN 3 ELSE 1 + n % 2 END,
           ended_at + interval '5 minutes', ended_at + interval '5 minutes'
    FROM bench_plan WHERE status = 'ended' AND n % 2 = 0 ORDER BY n;`,
  );

  await sql.unsafe(`DROP TABLE bench_plan, bench_credit, bench_packs, bench_quotes`);
  const started = performance.now();
  // VACUUM too: it sets the visibility map that index-only scans rely on.
  await sql.unsafe(`VACUUM ANALYZE`);
  progress(`  VACUUM ANALYZE (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
