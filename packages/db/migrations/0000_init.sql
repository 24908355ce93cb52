CREATE TYPE "public"."assignment_status" AS ENUM('queued', 'accepted', 'cancelled', 'expired');--> statement-breakpoint
CREATE TYPE "public"."credit_ledger_reason" AS ENUM('grant', 'session_debit', 'session_refund');--> statement-breakpoint
CREATE TYPE "public"."session_event_type" AS ENUM('created', 'assignment_accepted', 'started', 'ended', 'cancelled', 'expired');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('pending', 'waiting', 'live', 'ended', 'scheduled', 'cancelled', 'expired');--> statement-breakpoint
CREATE TYPE "public"."session_type" AS ENUM('free', 'credit', 'paid');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('customer', 'mechanic');--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"role" "user_role" DEFAULT 'customer' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "uq_users_id_role" UNIQUE("id","role")
);
--> statement-breakpoint
CREATE TABLE "session_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"status" "assignment_status" DEFAULT 'queued' NOT NULL,
	"mechanic_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "session_assignments_session_id_unique" UNIQUE("session_id"),
	CONSTRAINT "ck_session_assignments_mechanic" CHECK (("session_assignments"."status" = 'queued' AND "session_assignments"."mechanic_user_id" IS NULL AND "session_assignments"."accepted_at" IS NULL)
        OR ("session_assignments"."status" = 'accepted' AND "session_assignments"."mechanic_user_id" IS NOT NULL AND "session_assignments"."accepted_at" IS NOT NULL)
        OR "session_assignments"."status" IN ('cancelled', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "session_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "session_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"session_id" uuid NOT NULL,
	"type" "session_event_type" NOT NULL,
	"actor_user_id" text,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_participants" (
	"session_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" "user_role" NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "session_participants_session_id_user_id_pk" PRIMARY KEY("session_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "session_type" NOT NULL,
	"status" "session_status" NOT NULL,
	"customer_user_id" text NOT NULL,
	"vehicle_year" integer NOT NULL,
	"vehicle_make" text NOT NULL,
	"vehicle_model" text NOT NULL,
	"vehicle_vin" text,
	"concern" text NOT NULL,
	"scheduled_for" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"charged_credits" integer DEFAULT 0 NOT NULL,
	"charged_amount_cents" integer DEFAULT 0 NOT NULL,
	"currency" text,
	"stripe_checkout_session_id" text,
	CONSTRAINT "sessions_stripe_checkout_session_id_unique" UNIQUE("stripe_checkout_session_id"),
	CONSTRAINT "ck_sessions_vehicle_year" CHECK ("sessions"."vehicle_year" BETWEEN 1886 AND 2100),
	CONSTRAINT "ck_sessions_charges_not_negative" CHECK ("sessions"."charged_credits" >= 0 AND "sessions"."charged_amount_cents" >= 0),
	CONSTRAINT "ck_sessions_paid_has_checkout" CHECK (("sessions"."type" = 'paid') = ("sessions"."stripe_checkout_session_id" IS NOT NULL)),
	CONSTRAINT "ck_sessions_scheduled_has_time" CHECK ("sessions"."status" <> 'scheduled' OR "sessions"."scheduled_for" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "credit_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "credit_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_user_id" text NOT NULL,
	"delta" integer NOT NULL,
	"reason" "credit_ledger_reason" NOT NULL,
	"session_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_credit_ledger_delta_not_zero" CHECK ("credit_ledger"."delta" <> 0)
);
--> statement-breakpoint
CREATE TABLE "customer_credits" (
	"customer_user_id" text PRIMARY KEY NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_customer_credits_balance_not_negative" CHECK ("customer_credits"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "processed_stripe_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "session_assignments" ADD CONSTRAINT "session_assignments_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_assignments" ADD CONSTRAINT "session_assignments_mechanic_user_id_users_id_fk" FOREIGN KEY ("mechanic_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_events" ADD CONSTRAINT "session_events_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_events" ADD CONSTRAINT "session_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_participants" ADD CONSTRAINT "session_participants_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_participants" ADD CONSTRAINT "fk_session_participants_user_role" FOREIGN KEY ("user_id","role") REFERENCES "public"."users"("id","role") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_credits" ADD CONSTRAINT "customer_credits_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_session_assignments_queue" ON "session_assignments" USING btree ("created_at") WHERE "status" = 'queued';--> statement-breakpoint
CREATE INDEX "idx_session_assignments_mechanic" ON "session_assignments" USING btree ("mechanic_user_id");--> statement-breakpoint
CREATE INDEX "idx_session_events_session" ON "session_events" USING btree ("session_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_active_session_per_mechanic" ON "session_participants" USING btree ("user_id") WHERE "role" = 'mechanic' AND "left_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_active_session_per_customer" ON "sessions" USING btree ("customer_user_id") WHERE "status" IN ('pending', 'waiting', 'live', 'scheduled');--> statement-breakpoint
CREATE INDEX "idx_sessions_customer_created" ON "sessions" USING btree ("customer_user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_sessions_open_created" ON "sessions" USING btree ("created_at") WHERE "status" IN ('pending', 'waiting');--> statement-breakpoint
CREATE UNIQUE INDEX "uq_credit_ledger_session_reason" ON "credit_ledger" USING btree ("session_id","reason") WHERE "session_id" IS NOT NULL;