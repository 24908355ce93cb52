CREATE TABLE "analytics_rollups" (
	"name" text PRIMARY KEY NOT NULL,
	"complete_until" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_session_slots" (
	"slot" timestamp with time zone NOT NULL,
	"type" "session_type" NOT NULL,
	"created" integer NOT NULL,
	"abandoned" integer NOT NULL,
	"accepted" integer NOT NULL,
	CONSTRAINT "analytics_session_slots_slot_type_pk" PRIMARY KEY("slot","type")
);
--> statement-breakpoint
CREATE INDEX "idx_users_mechanics_name" ON "users" USING btree ("name","id") WHERE "role" = 'mechanic';--> statement-breakpoint
CREATE INDEX "idx_session_assignments_accepted" ON "session_assignments" USING btree ("accepted_at","mechanic_user_id","created_at","session_id") WHERE "accepted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_session_events_queue_entries" ON "session_events" USING btree ("created_at","session_id") WHERE "type" = 'entered_queue' OR ("type" = 'created' AND "payload"->>'status' = 'pending');--> statement-breakpoint
CREATE INDEX "idx_session_events_queue_exits" ON "session_events" USING btree ("session_id","created_at") WHERE "type" IN ('assignment_accepted', 'cancelled', 'expired');--> statement-breakpoint
CREATE INDEX "idx_sessions_analytics_created" ON "sessions" USING btree ("created_at","type","status","accepted_at");--> statement-breakpoint
CREATE INDEX "idx_sessions_analytics_accepted" ON "sessions" USING btree ("accepted_at","created_at","scheduled_for","id") WHERE "accepted_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_sessions_analytics_ended" ON "sessions" USING btree ("ended_at","started_at","id") WHERE "started_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_sessions_live" ON "sessions" USING btree ("started_at") WHERE "status" = 'live';--> statement-breakpoint
CREATE INDEX "idx_sessions_scheduled_for" ON "sessions" USING btree ("id","scheduled_for") WHERE "scheduled_for" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_credit_purchases_completed" ON "credit_purchases" USING btree ("completed_at","currency","amount_cents") WHERE "status" = 'completed';--> statement-breakpoint
CREATE INDEX "idx_stripe_refunds_refunded" ON "stripe_refunds" USING btree ("refunded_at","session_id") WHERE "refunded_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_quote_decisions_decided" ON "quote_decisions" USING btree ("decided_at","quote_id","approved_total_cents");--> statement-breakpoint
CREATE INDEX "idx_quotes_sent" ON "quotes" USING btree ("sent_at","currency","total_cents") WHERE "sent_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idx_mechanic_earnings_analytics" ON "mechanic_earnings" USING btree ("currency","created_at","kind","amount_cents");--> statement-breakpoint
CREATE INDEX "idx_session_ratings_created" ON "session_ratings" USING btree ("created_at","mechanic_user_id","stars");