-- Hand-written: realtime announcements and the promotion of due scheduled sessions.

-- Every session event is announced on the channel `session_events` with its id
-- as payload. NOTIFY is transactional: it is delivered at commit, in commit
-- order, and never for a transaction that rolled back. Listeners read the
-- events themselves from the table (see idx_session_events_position).
CREATE OR REPLACE FUNCTION announce_session_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('session_events', NEW.id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_session_events_announce
  AFTER INSERT ON session_events
  FOR EACH ROW EXECUTE FUNCTION announce_session_event();
--> statement-breakpoint

-- Scheduled sessions whose time has come enter the queue: status pending and an
-- `entered_queue` event (announced to mechanics as new_assignment). Rows locked
-- by a concurrent change (a cancel) are left for the next run. Returns how many
-- sessions it moved.
CREATE OR REPLACE FUNCTION promote_due_scheduled_sessions() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_session_id uuid;
  v_count integer := 0;
BEGIN
  FOR v_session_id IN
    SELECT id
    FROM sessions
    WHERE status = 'scheduled' AND scheduled_for <= now()
    ORDER BY scheduled_for
    FOR UPDATE SKIP LOCKED
  LOOP
    UPDATE sessions SET status = 'pending' WHERE id = v_session_id;
    INSERT INTO session_events (session_id, type, actor_user_id, payload)
    VALUES (v_session_id, 'entered_queue', NULL, jsonb_build_object('from', 'scheduled', 'to', 'pending'));
    v_count := v_count + 1;
  END LOOP;
  RETURN v_count;
END $$;
--> statement-breakpoint

-- A paid session cancelled or expired before any mechanic accepted it is owed
-- its money back: the row is written in the same transaction as the move (by
-- the API, session-core or pg_cron alike) and the API's refund worker pays it
-- out through Stripe, once (the primary key is the checkout).
CREATE OR REPLACE FUNCTION owe_refund_for_unaccepted_paid_session() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stripe_refunds (stripe_checkout_session_id, session_id, reason)
  VALUES (
    NEW.stripe_checkout_session_id,
    NEW.id,
    CASE NEW.status WHEN 'expired' THEN 'session_expired' ELSE 'session_cancelled' END
  )
  ON CONFLICT (stripe_checkout_session_id) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_sessions_owe_refund
  AFTER UPDATE OF status ON sessions
  FOR EACH ROW
  WHEN (
    NEW.type = 'paid'
    AND NEW.status IN ('cancelled', 'expired')
    AND OLD.status IN ('pending', 'scheduled')
  )
  EXECUTE FUNCTION owe_refund_for_unaccepted_paid_session();
--> statement-breakpoint

-- Every minute through pg_cron where this database has it (as in 0001); elsewhere
-- the API's scheduler runs it.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_cron') THEN
    BEGIN
      PERFORM cron.schedule(
        'promote-due-scheduled-sessions',
        '* * * * *',
        'SELECT public.promote_due_scheduled_sessions()'
      );
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'pg_cron: not allowed to schedule here (%); the API scheduler promotes scheduled sessions instead', SQLERRM;
    END;
  END IF;
END $$;
