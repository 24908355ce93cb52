CREATE TABLE "analytics_accept_wait_slots" (
	"slot" timestamp with time zone PRIMARY KEY NOT NULL,
	"bins" smallint[] NOT NULL,
	"counts" integer[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_mechanic_days" (
	"day" timestamp with time zone NOT NULL,
	"mechanic_user_id" text NOT NULL,
	"live_microseconds" bigint NOT NULL,
	CONSTRAINT "analytics_mechanic_days_day_mechanic_user_id_pk" PRIMARY KEY("day","mechanic_user_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_mechanic_wait_days" (
	"day" timestamp with time zone NOT NULL,
	"mechanic_user_id" text NOT NULL,
	"bins" smallint[] NOT NULL,
	"counts" integer[] NOT NULL,
	CONSTRAINT "analytics_mechanic_wait_days_day_mechanic_user_id_pk" PRIMARY KEY("day","mechanic_user_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_money_slots" (
	"slot" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"paid_cents" bigint NOT NULL,
	"credit_cents" bigint NOT NULL,
	"packs_sold" integer NOT NULL,
	"packs_cents" bigint NOT NULL,
	"refunds" integer NOT NULL,
	"refunds_cents" bigint NOT NULL,
	"quotes_sent" integer NOT NULL,
	"sent_cents" bigint NOT NULL,
	"quotes_approved" integer NOT NULL,
	"approved_cents" bigint NOT NULL,
	"earned_cents" bigint NOT NULL,
	"paid_out_cents" bigint NOT NULL,
	CONSTRAINT "analytics_money_slots_slot_currency_pk" PRIMARY KEY("slot","currency")
);
--> statement-breakpoint
CREATE TABLE "analytics_queue_slots" (
	"at" timestamp with time zone PRIMARY KEY NOT NULL,
	"queued" integer NOT NULL,
	"oldest_entered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_rating_days" (
	"day" timestamp with time zone NOT NULL,
	"mechanic_user_id" text NOT NULL,
	"ratings" integer NOT NULL,
	"stars_sum" integer NOT NULL,
	"stars_1" integer NOT NULL,
	"stars_2" integer NOT NULL,
	"stars_3" integer NOT NULL,
	"stars_4" integer NOT NULL,
	"stars_5" integer NOT NULL,
	CONSTRAINT "analytics_rating_days_day_mechanic_user_id_pk" PRIMARY KEY("day","mechanic_user_id")
);
--> statement-breakpoint
CREATE INDEX "idx_sessions_live_period" ON "sessions" USING gist (tstzrange("started_at", "ended_at")) WHERE "started_at" IS NOT NULL;
--> statement-breakpoint
-- Hand-written below:
-- The accept-wait histograms' bins (analytics_accept_wait_slots, analytics_mechanic_wait_days): bin 0
-- holds waits under 1 s, bin k ≥ 1 waits in [1.05^(k-1), 1.05^k) s, bin 233 everything from ~23 h.
-- A bin's value is its geometric middle, within 2.5 % of any wait in it (0.5 s for bin 0).
CREATE FUNCTION analytics_wait_bin(seconds double precision) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN seconds < 1 THEN 0 ELSE least(233, 1 + floor(ln(seconds) / ln(1.05::double precision)))::smallint END;
--> statement-breakpoint
CREATE FUNCTION analytics_wait_bin_value(bin integer) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN bin = 0 THEN 0.5 ELSE power(1.05::double precision, bin - 0.5) END;
