CREATE TYPE "public"."webhook_delivery_status" AS ENUM('pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_id" bigint NOT NULL,
	"session_id" uuid NOT NULL,
	"body" jsonb NOT NULL,
	"status" "webhook_delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "uq_webhook_deliveries_endpoint_event" UNIQUE("endpoint_id","event_id"),
	CONSTRAINT "ck_webhook_deliveries_attempts" CHECK (attempts >= 0)
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"event_types" "session_event_type"[] NOT NULL,
	"secret" text NOT NULL,
	"description" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"failing_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_webhook_endpoints_event_types" CHECK (cardinality("webhook_endpoints"."event_types") > 0),
	CONSTRAINT "ck_webhook_endpoints_url_length" CHECK (length("webhook_endpoints"."url") <= 2048),
	CONSTRAINT "ck_webhook_endpoints_disabled" CHECK ("webhook_endpoints"."enabled" = ("webhook_endpoints"."disabled_at" IS NULL) AND ("webhook_endpoints"."disabled_at" IS NULL) = ("webhook_endpoints"."disabled_reason" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_session_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."session_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_webhook_attempts_delivery" ON "webhook_attempts" USING btree ("delivery_id","id");--> statement-breakpoint
CREATE INDEX "idx_webhook_deliveries_due" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "idx_webhook_deliveries_session_order" ON "webhook_deliveries" USING btree ("endpoint_id","session_id","event_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "idx_webhook_deliveries_event" ON "webhook_deliveries" USING btree ("event_id");--> statement-breakpoint
-- The webhook outbox is written in the event's own transaction: one delivery per endpoint that
-- wants the event's type, with the body it will be sent (session-core's `WebhookEvent`, version 1),
-- whoever wrote the event (the API, a partner's service, pg_cron's expiry). The API's webhook
-- workers are woken by the NOTIFY and also poll, so a missed notification only delays a delivery.
CREATE OR REPLACE FUNCTION webhook_outbox_enqueue() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
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
CREATE TRIGGER trg_webhook_outbox_enqueue
  AFTER INSERT ON session_events
  FOR EACH ROW EXECUTE FUNCTION webhook_outbox_enqueue();
