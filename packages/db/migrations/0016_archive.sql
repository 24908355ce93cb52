ALTER TABLE "credit_ledger" DROP CONSTRAINT "credit_ledger_session_id_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "stripe_refunds" DROP CONSTRAINT "stripe_refunds_session_id_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "mechanic_earnings" DROP CONSTRAINT "mechanic_earnings_session_id_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "mechanic_earnings" DROP CONSTRAINT "mechanic_earnings_quote_id_quotes_id_fk";
--> statement-breakpoint
-- Hand-written: `pnpm archive` (apps/api/src/archive). The ledgers and the refunds above keep an
-- archived session's id without a foreign key: they are the books and stay whole.
-- A transaction that sets `autodoctor.archive` to 'on' (SET LOCAL) moves archived rows out and
-- back as they are: a restored event gets no second room line nor a second webhook delivery (the
-- archive brings its own back), and a sent quote's lines may leave and return with it.
CREATE OR REPLACE FUNCTION add_room_system_line() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('autodoctor.archive', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO room_entries (session_id, kind, system_event, created_at)
  VALUES (NEW.session_id, 'system', NEW.type, NEW.created_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION webhook_outbox_enqueue() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('autodoctor.archive', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_deliveries (endpoint_id, event_id, session_id, body)
  SELECT e.id, NEW.id, NEW.session_id,
         jsonb_build_object(
           'version', 1,
           'id', NEW.id,
           'type', NEW.type,
           'sessionId', NEW.session_id,
           'createdAt', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'data', NEW.payload)
    FROM webhook_endpoints e
   WHERE e.enabled AND NEW.type = ANY (e.event_types);
  IF FOUND THEN
    PERFORM pg_notify('webhook_outbox_ready', '');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION quote_lines_refuse_change_after_draft() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_status quote_status;
BEGIN
  IF current_setting('autodoctor.archive', true) = 'on' AND TG_OP IN ('INSERT', 'DELETE') THEN
    RETURN COALESCE(NEW, OLD);
  END IF;
  SELECT status INTO v_status FROM quotes WHERE id = COALESCE(NEW.quote_id, OLD.quote_id);
  IF FOUND AND v_status <> 'draft' THEN
    RAISE EXCEPTION 'quote % was sent: its lines cannot change', COALESCE(NEW.quote_id, OLD.quote_id)
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
