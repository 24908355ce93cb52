CREATE TYPE "public"."room_entry_kind" AS ENUM('message', 'system', 'read');--> statement-breakpoint
CREATE TABLE "photo_blobs" (
	"key" text PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "room_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "room_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"session_id" uuid NOT NULL,
	"kind" "room_entry_kind" NOT NULL,
	"author_user_id" text,
	"author_role" "user_role",
	"client_message_id" uuid,
	"body" text,
	"system_event" "session_event_type",
	"read_up_to" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	CONSTRAINT "ck_room_entries_body_length" CHECK (char_length("room_entries"."body") <= 4000),
	CONSTRAINT "ck_room_entries_kind" CHECK (("room_entries"."kind" = 'message' AND "room_entries"."author_user_id" IS NOT NULL AND "room_entries"."author_role" IS NOT NULL AND "room_entries"."body" IS NOT NULL AND "room_entries"."client_message_id" IS NOT NULL)
        OR ("room_entries"."kind" = 'system' AND "room_entries"."system_event" IS NOT NULL AND "room_entries"."author_user_id" IS NULL)
        OR ("room_entries"."kind" = 'read' AND "room_entries"."author_user_id" IS NOT NULL AND "room_entries"."author_role" IS NOT NULL AND "room_entries"."read_up_to" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "room_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uploader_user_id" text NOT NULL,
	"session_id" uuid,
	"entry_id" bigint,
	"from_intake" boolean DEFAULT false NOT NULL,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"byte_size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_summaries" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"mechanic_user_id" text NOT NULL,
	"found" text NOT NULL,
	"next_steps" text NOT NULL,
	"workshop_visit_needed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_session_summaries_length" CHECK (char_length("session_summaries"."found") BETWEEN 1 AND 2000 AND char_length("session_summaries"."next_steps") BETWEEN 1 AND 2000)
);
--> statement-breakpoint
ALTER TABLE "room_entries" ADD CONSTRAINT "room_entries_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_entries" ADD CONSTRAINT "room_entries_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_photos" ADD CONSTRAINT "room_photos_uploader_user_id_users_id_fk" FOREIGN KEY ("uploader_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_photos" ADD CONSTRAINT "room_photos_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_photos" ADD CONSTRAINT "room_photos_entry_id_room_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."room_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_summaries" ADD CONSTRAINT "session_summaries_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_summaries" ADD CONSTRAINT "session_summaries_mechanic_user_id_users_id_fk" FOREIGN KEY ("mechanic_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_room_entries_session" ON "room_entries" USING btree ("session_id","id");--> statement-breakpoint
CREATE INDEX "idx_room_entries_position" ON "room_entries" USING btree ("tx_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_room_entries_client_message" ON "room_entries" USING btree ("author_user_id","client_message_id");--> statement-breakpoint
CREATE INDEX "idx_room_photos_session" ON "room_photos" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "idx_room_photos_entry" ON "room_photos" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "idx_room_photos_uploader_unattached" ON "room_photos" USING btree ("uploader_user_id") WHERE "entry_id" IS NULL AND NOT "from_intake";--> statement-breakpoint

-- Hand-written: room announcements and system lines.

-- Every room entry is announced on the channel `room_entries` with its id as
-- payload (as session_events are on `session_events`, migration 0003): the
-- API's room hub then reads the settled entries from the table.
CREATE OR REPLACE FUNCTION announce_room_entry() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('room_entries', NEW.id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_room_entries_announce
  AFTER INSERT ON room_entries
  FOR EACH ROW EXECUTE FUNCTION announce_room_entry();
--> statement-breakpoint

-- The room's system lines (accepted, live, ended; cancelled or expired after
-- the accept) are written with the session's own event, in its transaction,
-- whoever moves it: the API, session-core, or pg_cron's expiry.
CREATE OR REPLACE FUNCTION add_room_system_line() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO room_entries (session_id, kind, system_event, created_at)
  VALUES (NEW.session_id, 'system', NEW.type, NEW.created_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_session_events_room_line
  AFTER INSERT ON session_events
  FOR EACH ROW
  WHEN (
    NEW.type IN ('assignment_accepted', 'started', 'ended')
    OR (NEW.type IN ('cancelled', 'expired') AND NEW.payload ->> 'from' IN ('waiting', 'live'))
  )
  EXECUTE FUNCTION add_room_system_line();
