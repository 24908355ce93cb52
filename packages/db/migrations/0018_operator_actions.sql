CREATE TYPE "public"."operator_action" AS ENUM('mechanic_disabled', 'mechanic_enabled', 'mechanic_invited', 'session_requeued', 'session_cancelled');--> statement-breakpoint
CREATE TABLE "operator_actions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "operator_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"operator_user_id" text NOT NULL,
	"operator_role" "user_role" DEFAULT 'operator' NOT NULL,
	"action" "operator_action" NOT NULL,
	"subject_user_id" text,
	"session_id" uuid,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_operator_actions_operator_role" CHECK ("operator_actions"."operator_role" = 'operator')
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "requeued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "operator_actions" ADD CONSTRAINT "operator_actions_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_actions" ADD CONSTRAINT "fk_operator_actions_operator_role" FOREIGN KEY ("operator_user_id","operator_role") REFERENCES "public"."users"("id","role") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_operator_actions_created" ON "operator_actions" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_operator_actions_session" ON "operator_actions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "idx_operator_actions_subject" ON "operator_actions" USING btree ("subject_user_id");--> statement-breakpoint
-- Hand-written below: the audit of operators' actions is append-only (what an operator did stays
-- as it was), and a session an operator put back in the queue gets its two hours again: the
-- orphan expiry counts from the latest of its creation, its scheduled time and its requeue.
CREATE OR REPLACE FUNCTION operator_actions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'operator_actions is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_operator_actions_append_only
  BEFORE UPDATE OR DELETE ON operator_actions
  FOR EACH ROW EXECUTE FUNCTION operator_actions_refuse_change();
--> statement-breakpoint
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
      -- greatest() skips a NULL requeued_at.
      AND greatest(coalesce(scheduled_for, created_at), requeued_at) < now() - p_older_than
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
-- A session put back in the queue (from waiting or live) gets its room line too: the conversation
-- says the mechanic left it, and a released mechanic's open room feed ends on it.
DROP TRIGGER trg_session_events_room_line ON session_events;
--> statement-breakpoint
CREATE TRIGGER trg_session_events_room_line
  AFTER INSERT ON session_events
  FOR EACH ROW
  WHEN (
    NEW.type IN ('assignment_accepted', 'started', 'ended')
    OR (NEW.type IN ('cancelled', 'expired', 'entered_queue') AND NEW.payload ->> 'from' IN ('waiting', 'live'))
  )
  EXECUTE FUNCTION add_room_system_line();
