CREATE TABLE "transcript_access_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "transcript_access_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"operator_user_id" text NOT NULL,
	"session_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "transcript_access_log" ADD CONSTRAINT "transcript_access_log_operator_user_id_users_id_fk" FOREIGN KEY ("operator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_transcript_access_log_opened" ON "transcript_access_log" USING btree ("opened_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_transcript_access_log_session" ON "transcript_access_log" USING btree ("session_id");--> statement-breakpoint
-- Hand-written: the access log is append-only (who read which transcript stays as it was). It keeps
-- a session's id without a foreign key, so it outlives an archived session.
CREATE OR REPLACE FUNCTION transcript_access_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'transcript_access_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_transcript_access_log_append_only
  BEFORE UPDATE OR DELETE ON transcript_access_log
  FOR EACH ROW EXECUTE FUNCTION transcript_access_log_refuse_change();
