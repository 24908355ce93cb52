-- Hand-written: what the Drizzle schema cannot say.

-- The credit ledger is append-only: a correction is a new row, never an edit.
CREATE OR REPLACE FUNCTION credit_ledger_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'credit_ledger is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_credit_ledger_append_only
  BEFORE UPDATE OR DELETE ON credit_ledger
  FOR EACH ROW EXECUTE FUNCTION credit_ledger_refuse_change();
--> statement-breakpoint

-- Returns the credits a credit session was charged to its customer, once: the
-- unique (session_id, reason) index turns a second call into a no-op. Returns
-- the number of credits given back (0 when there was nothing to return).
-- Shared by expire_orphaned_sessions() and session-core's cancelSession().
CREATE OR REPLACE FUNCTION refund_session_credits(p_session_id uuid) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_customer text;
  v_credits integer;
BEGIN
  SELECT customer_user_id, charged_credits INTO v_customer, v_credits
  FROM sessions
  WHERE id = p_session_id AND type = 'credit' AND charged_credits > 0;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;

  INSERT INTO credit_ledger (customer_user_id, delta, reason, session_id)
  VALUES (v_customer, v_credits, 'session_refund', p_session_id)
  ON CONFLICT (session_id, reason) WHERE session_id IS NOT NULL DO NOTHING;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;

  INSERT INTO customer_credits AS c (customer_user_id, balance)
  VALUES (v_customer, v_credits)
  ON CONFLICT (customer_user_id)
  DO UPDATE SET balance = c.balance + EXCLUDED.balance, updated_at = now();
  RETURN v_credits;
END $$;
--> statement-breakpoint

-- Sessions left pending or waiting for longer than p_older_than (counted from
-- their start time when scheduled, else from creation) become expired, with
-- their assignment, their participants released, an `expired` event and, when
-- no mechanic had accepted (the session was still pending), their credits
-- returned. Rows locked by a concurrent change are skipped until the next run.
-- Returns how many sessions it expired.
CREATE OR REPLACE FUNCTION expire_orphaned_sessions(p_older_than interval DEFAULT interval '2 hours')
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_session record;
  v_refunded integer;
  v_count integer := 0;
BEGIN
  FOR v_session IN
    SELECT id, status
    FROM sessions
    WHERE status IN ('pending', 'waiting')
      AND coalesce(scheduled_for, created_at) < now() - p_older_than
    ORDER BY created_at
    FOR UPDATE SKIP LOCKED
  LOOP
    UPDATE sessions SET status = 'expired', ended_at = now() WHERE id = v_session.id;
    UPDATE session_assignments SET status = 'expired'
      WHERE session_id = v_session.id AND status IN ('queued', 'accepted');
    UPDATE session_participants SET left_at = now()
      WHERE session_id = v_session.id AND left_at IS NULL;

    v_refunded := 0;
    IF v_session.status = 'pending' THEN
      v_refunded := refund_session_credits(v_session.id);
    END IF;

    INSERT INTO session_events (session_id, type, actor_user_id, payload)
    VALUES (
      v_session.id,
      'expired',
      NULL,
      jsonb_build_object(
        'from', v_session.status,
        'reason', 'orphaned',
        'creditsRefunded', v_refunded
      )
    );
    v_count := v_count + 1;
  END LOOP;
  RETURN v_count;
END $$;
--> statement-breakpoint

-- Hourly through pg_cron where this server has it and this is the database
-- pg_cron serves (cron.database_name); elsewhere the API runs the job itself.
-- pg_settings, not current_setting(): pg_cron makes cron.database_name
-- superuser-only, and reading it directly would fail for any other role.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'cron.database_name' AND setting = current_database())
     AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_cron') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_cron;
      PERFORM cron.schedule(
        'expire-orphaned-sessions',
        '0 * * * *',
        'SELECT public.expire_orphaned_sessions()'
      );
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'pg_cron: not allowed to schedule here (%); the API scheduler runs expire_orphaned_sessions() instead', SQLERRM;
    END;
  ELSE
    RAISE NOTICE 'pg_cron is not available in this database; the API scheduler runs expire_orphaned_sessions() instead';
  END IF;
END $$;
