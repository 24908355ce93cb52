// A small, hand-built history whose every figure can be worked out by hand (see panels.test.ts).
// Timestamps are UTC; 2026-03-02 is a Monday. The range the tests read is [2026-03-02, 2026-03-05).
//
//   S1 free    C1  created 03-02 10:00, accepted by Alice 10:05 (300 s), live 10:06–10:36, ended
//   S2 credit  C2  created 03-02 11:00, accepted by Bob 11:10 (600 s), live 11:10–11:40, ended
//                  (one credit of pack P1: 5 credits for 2500 usd cents, so worth 500)
//   S3 paid    C3  created 03-03 09:00 (2900 usd cents), cancelled 09:30 unaccepted, refunded 03-03 10:00
//   S4 free    C4  created 03-03 23:30 (03-04 00:30 in Europe/Berlin), expired 03-04 01:30 unaccepted
//   S5 paid    C5  created 03-04 12:00, accepted by Alice 12:20 (1200 s), live since 12:21
//   S6 free    C6  created 10 minutes ago, still pending (the queue now)
import type postgres from 'postgres';

export const MECHANICS = {
  alice: 'mech-alice',
  bob: 'mech-bob',
  carol: 'mech-carol',
} as const;

export const RANGE = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-05T00:00:00Z') };

export async function seedHistory(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`
    INSERT INTO users (id, name, email, role) VALUES
      ('mech-alice', 'Alice', 'alice@example.test', 'mechanic'),
      ('mech-bob', 'Bob', 'bob@example.test', 'mechanic'),
      ('mech-carol', 'Carol', 'carol@example.test', 'mechanic'),
      ('c1', 'C1', 'c1@example.test', 'customer'), ('c2', 'C2', 'c2@example.test', 'customer'),
      ('c3', 'C3', 'c3@example.test', 'customer'), ('c4', 'C4', 'c4@example.test', 'customer'),
      ('c5', 'C5', 'c5@example.test', 'customer'), ('c6', 'C6', 'c6@example.test', 'customer');

    -- Carol is switched on and heard from just now; Alice and Bob never switched on.
    INSERT INTO mechanic_presence (mechanic_user_id, online, last_seen_at) VALUES ('mech-carol', true, now());

    INSERT INTO credit_purchases (id, customer_user_id, pack_id, credits, amount_cents, currency, status,
                                  completed_at, credits_left) VALUES
      ('00000000-0000-0000-0000-0000000000a1', 'c2', 'pack5', 5, 2500, 'usd', 'completed',
       '2026-03-02T08:00Z', 4);

    -- Another currency: never added to the usd figures.
    INSERT INTO credit_purchases (id, customer_user_id, pack_id, credits, amount_cents, currency, status,
                                  completed_at, credits_left) VALUES
      ('00000000-0000-0000-0000-0000000000a2', 'c3', 'pack5', 5, 2200, 'eur', 'completed', '2026-03-02T09:00Z', 5);

    INSERT INTO sessions (id, type, status, customer_user_id, vehicle_year, vehicle_make, vehicle_model, concern,
                          created_at, accepted_at, started_at, ended_at, charged_credits, charged_amount_cents,
                          currency, credit_purchase_id, stripe_checkout_session_id) VALUES
      ('00000000-0000-0000-0000-000000000001', 'free', 'ended', 'c1', 2017, 'Toyota', 'Corolla', 'Noise',
       '2026-03-02T10:00Z', '2026-03-02T10:05Z', '2026-03-02T10:06Z', '2026-03-02T10:36Z', 0, 0, NULL, NULL, NULL),
      ('00000000-0000-0000-0000-000000000002', 'credit', 'ended', 'c2', 2017, 'Toyota', 'Corolla', 'Noise',
       '2026-03-02T11:00Z', '2026-03-02T11:10Z', '2026-03-02T11:10Z', '2026-03-02T11:40Z', 1, 0, NULL,
       '00000000-0000-0000-0000-0000000000a1', NULL),
      ('00000000-0000-0000-0000-000000000003', 'paid', 'cancelled', 'c3', 2017, 'Toyota', 'Corolla', 'Noise',
       '2026-03-03T09:00Z', NULL, NULL, NULL, 0, 2900, 'usd', NULL, 'cs_s3'),
      ('00000000-0000-0000-0000-000000000004', 'free', 'expired', 'c4', 2017, 'Toyota', 'Corolla', 'Noise',
       '2026-03-03T23:30Z', NULL, NULL, NULL, 0, 0, NULL, NULL, NULL),
      ('00000000-0000-0000-0000-000000000005', 'paid', 'live', 'c5', 2017, 'Toyota', 'Corolla', 'Noise',
       '2026-03-04T12:00Z', '2026-03-04T12:20Z', '2026-03-04T12:21Z', NULL, 0, 2900, 'usd', NULL, 'cs_s5'),
      ('00000000-0000-0000-0000-000000000006', 'free', 'pending', 'c6', 2017, 'Toyota', 'Corolla', 'Noise',
       now() - interval '10 minutes', NULL, NULL, NULL, 0, 0, NULL, NULL, NULL);

    INSERT INTO session_assignments (session_id, status, mechanic_user_id, created_at, accepted_at)
    SELECT id, CASE WHEN accepted_at IS NOT NULL THEN 'accepted'
                    WHEN status IN ('cancelled', 'expired') THEN status::text ELSE 'queued' END::assignment_status,
           CASE id WHEN '00000000-0000-0000-0000-000000000002' THEN 'mech-bob'
                   ELSE CASE WHEN accepted_at IS NOT NULL THEN 'mech-alice' END END,
           created_at, accepted_at
    FROM sessions;

    INSERT INTO session_participants (session_id, user_id, role, joined_at, left_at)
    SELECT id, customer_user_id, 'customer', created_at, coalesce(ended_at, CASE WHEN status IN ('cancelled', 'expired') THEN created_at END)
    FROM sessions;
    INSERT INTO session_participants (session_id, user_id, role, joined_at, left_at)
    SELECT a.session_id, a.mechanic_user_id, 'mechanic', a.accepted_at, s.ended_at
    FROM session_assignments AS a JOIN sessions AS s ON s.id = a.session_id WHERE a.mechanic_user_id IS NOT NULL;

    INSERT INTO session_events (session_id, type, payload, created_at)
    SELECT id, 'created'::session_event_type, jsonb_build_object('status', 'pending'), created_at FROM sessions
    UNION ALL SELECT id, 'assignment_accepted', '{}'::jsonb, accepted_at FROM sessions WHERE accepted_at IS NOT NULL
    UNION ALL SELECT id, 'started', '{}', started_at FROM sessions WHERE started_at IS NOT NULL
    UNION ALL SELECT id, 'ended', '{}', ended_at FROM sessions WHERE ended_at IS NOT NULL
    UNION ALL SELECT '00000000-0000-0000-0000-000000000003', 'cancelled', '{}', '2026-03-03T09:30Z'
    UNION ALL SELECT '00000000-0000-0000-0000-000000000004', 'expired', '{}', '2026-03-04T01:30Z';

    INSERT INTO stripe_refunds (stripe_checkout_session_id, session_id, reason, stripe_refund_id, requested_at, refunded_at)
    VALUES ('cs_s3', '00000000-0000-0000-0000-000000000003', 'session_cancelled', 're_1', '2026-03-03T09:30Z', '2026-03-03T10:00Z');

    -- Q1 on S1: 10000 sent 03-02, 8000 of it approved 03-02. Q2 on S2: 5000 sent 03-03, every line declined.
    INSERT INTO quotes (id, series_id, version, session_id, mechanic_user_id, customer_user_id, status, currency,
                        tax_rate_bps, workshop_name, workshop_address, valid_until, subtotal_cents, tax_cents,
                        total_cents, created_at, sent_at, closed_at) VALUES
      ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-0000000000b1', 1,
       '00000000-0000-0000-0000-000000000001', 'mech-alice', 'c1', 'approved', 'usd', 0, 'W', 'A',
       '2026-04-01Z', 10000, 0, 10000, '2026-03-02T10:20Z', '2026-03-02T10:30Z', '2026-03-02T12:00Z'),
      ('00000000-0000-0000-0000-0000000000b2', '00000000-0000-0000-0000-0000000000b2', 1,
       '00000000-0000-0000-0000-000000000002', 'mech-bob', 'c2', 'declined', 'usd', 0, 'W', 'A',
       '2026-04-01Z', 5000, 0, 5000, '2026-03-03T10:50Z', '2026-03-03T11:00Z', '2026-03-03T12:00Z');
    INSERT INTO quote_decisions (quote_id, customer_user_id, signature_name, approved_total_cents, decided_at) VALUES
      ('00000000-0000-0000-0000-0000000000b1', 'c1', 'C One', 8000, '2026-03-02T12:00Z'),
      ('00000000-0000-0000-0000-0000000000b2', 'c2', 'C Two', 0, '2026-03-03T12:00Z');

    -- Owed before the range: 100. Earned 03-02: 58 + 400. Paid out 03-03: 300.
    INSERT INTO mechanic_earnings (mechanic_user_id, kind, amount_cents, currency, session_id, quote_id, basis_cents,
                                   rate_bps, reference, created_at) VALUES
      ('mech-bob', 'referral_fee', 100, 'usd', '00000000-0000-0000-0000-000000000002', NULL, 5000, 200, NULL, '2026-03-01T12:00Z'),
      ('mech-alice', 'referral_fee', 58, 'usd', '00000000-0000-0000-0000-000000000001', NULL, 2900, 200, NULL, '2026-03-02T10:36Z'),
      ('mech-alice', 'quote_bonus', 400, 'usd', '00000000-0000-0000-0000-000000000001',
       '00000000-0000-0000-0000-0000000000b1', 8000, 500, NULL, '2026-03-02T12:00Z'),
      ('mech-alice', 'payout', -300, 'usd', NULL, NULL, NULL, NULL, 'tr_1', '2026-03-03T15:00Z'),
      ('mech-alice', 'payout', -999, 'eur', NULL, NULL, NULL, NULL, 'tr_eur', '2026-03-03T15:00Z');

    -- Alice: 5 and 4 stars; Bob: 3 stars; Carol: none.
    INSERT INTO session_ratings (session_id, customer_user_id, mechanic_user_id, stars, created_at) VALUES
      ('00000000-0000-0000-0000-000000000001', 'c1', 'mech-alice', 5, '2026-03-02T11:00Z'),
      ('00000000-0000-0000-0000-000000000002', 'c2', 'mech-bob', 3, '2026-03-02T12:00Z'),
      ('00000000-0000-0000-0000-000000000005', 'c5', 'mech-alice', 4, '2026-03-04T13:00Z');
  `);
}
