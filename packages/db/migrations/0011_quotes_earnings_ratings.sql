CREATE TYPE "public"."earning_kind" AS ENUM('referral_fee', 'quote_bonus', 'payout');--> statement-breakpoint
CREATE TYPE "public"."quote_line_kind" AS ENUM('part', 'labour', 'fee', 'discount');--> statement-breakpoint
CREATE TYPE "public"."quote_status" AS ENUM('draft', 'sent', 'approved', 'declined', 'expired', 'withdrawn', 'superseded');--> statement-breakpoint
ALTER TYPE "public"."session_event_type" ADD VALUE 'quote_sent';--> statement-breakpoint
ALTER TYPE "public"."session_event_type" ADD VALUE 'quote_approved';--> statement-breakpoint
ALTER TYPE "public"."session_event_type" ADD VALUE 'quote_declined';--> statement-breakpoint
ALTER TYPE "public"."session_event_type" ADD VALUE 'quote_withdrawn';--> statement-breakpoint
CREATE TABLE "quote_decisions" (
	"quote_id" uuid PRIMARY KEY NOT NULL,
	"customer_user_id" text NOT NULL,
	"signature_name" text NOT NULL,
	"client_address" text,
	"user_agent" text,
	"approved_total_cents" integer NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_quote_decisions_total" CHECK ("quote_decisions"."approved_total_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "quote_line_decisions" (
	"quote_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"approved" boolean NOT NULL,
	CONSTRAINT "quote_line_decisions_quote_id_line_id_pk" PRIMARY KEY("quote_id","line_id")
);
--> statement-breakpoint
CREATE TABLE "quote_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"quote_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" "quote_line_kind" NOT NULL,
	"description" text NOT NULL,
	"quantity_milli" integer NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"tax_cents" integer NOT NULL,
	"total_cents" integer NOT NULL,
	CONSTRAINT "ck_quote_lines_quantity" CHECK ("quote_lines"."quantity_milli" > 0),
	CONSTRAINT "ck_quote_lines_unit_price" CHECK ("quote_lines"."unit_price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"session_id" uuid NOT NULL,
	"mechanic_user_id" text NOT NULL,
	"customer_user_id" text NOT NULL,
	"status" "quote_status" DEFAULT 'draft' NOT NULL,
	"currency" text NOT NULL,
	"tax_rate_bps" integer NOT NULL,
	"workshop_name" text NOT NULL,
	"workshop_address" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"subtotal_cents" integer NOT NULL,
	"tax_cents" integer NOT NULL,
	"total_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "ck_quotes_version_positive" CHECK ("quotes"."version" >= 1),
	CONSTRAINT "ck_quotes_tax_rate" CHECK ("quotes"."tax_rate_bps" BETWEEN 0 AND 5000),
	CONSTRAINT "ck_quotes_sent_at" CHECK ("quotes"."status" = 'draft' OR "quotes"."sent_at" IS NOT NULL),
	CONSTRAINT "ck_quotes_closed_at" CHECK (("quotes"."status" IN ('draft', 'sent')) = ("quotes"."closed_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "mechanic_earnings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mechanic_earnings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"mechanic_user_id" text NOT NULL,
	"kind" "earning_kind" NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"session_id" uuid,
	"quote_id" uuid,
	"basis_cents" integer,
	"rate_bps" integer,
	"reference" text,
	"recorded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_mechanic_earnings_amount_not_zero" CHECK ("mechanic_earnings"."amount_cents" <> 0),
	CONSTRAINT "ck_mechanic_earnings_kind" CHECK (CASE "mechanic_earnings"."kind"::text
        WHEN 'referral_fee' THEN "mechanic_earnings"."session_id" IS NOT NULL AND "mechanic_earnings"."amount_cents" > 0 AND "mechanic_earnings"."rate_bps" IS NOT NULL
        WHEN 'quote_bonus' THEN "mechanic_earnings"."quote_id" IS NOT NULL AND "mechanic_earnings"."amount_cents" > 0 AND "mechanic_earnings"."rate_bps" IS NOT NULL
        WHEN 'payout' THEN "mechanic_earnings"."amount_cents" < 0 AND "mechanic_earnings"."reference" IS NOT NULL
        ELSE false END)
);
--> statement-breakpoint
CREATE TABLE "session_ratings" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"customer_user_id" text NOT NULL,
	"mechanic_user_id" text NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ck_session_ratings_stars" CHECK ("session_ratings"."stars" BETWEEN 1 AND 5)
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "credit_purchase_id" uuid;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD COLUMN "credits_left" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "quote_decisions" ADD CONSTRAINT "quote_decisions_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_decisions" ADD CONSTRAINT "quote_decisions_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_line_decisions" ADD CONSTRAINT "quote_line_decisions_quote_id_quote_decisions_quote_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quote_decisions"("quote_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_line_decisions" ADD CONSTRAINT "quote_line_decisions_line_id_quote_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."quote_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_mechanic_user_id_users_id_fk" FOREIGN KEY ("mechanic_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mechanic_earnings" ADD CONSTRAINT "mechanic_earnings_mechanic_user_id_users_id_fk" FOREIGN KEY ("mechanic_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mechanic_earnings" ADD CONSTRAINT "mechanic_earnings_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mechanic_earnings" ADD CONSTRAINT "mechanic_earnings_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_ratings" ADD CONSTRAINT "session_ratings_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_ratings" ADD CONSTRAINT "session_ratings_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_ratings" ADD CONSTRAINT "session_ratings_mechanic_user_id_users_id_fk" FOREIGN KEY ("mechanic_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_quote_lines_position" ON "quote_lines" USING btree ("quote_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_quotes_series_version" ON "quotes" USING btree ("series_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_quotes_series_open" ON "quotes" USING btree ("series_id","status") WHERE "status" IN ('draft', 'sent');--> statement-breakpoint
CREATE INDEX "idx_quotes_session" ON "quotes" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_quotes_customer" ON "quotes" USING btree ("customer_user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_quotes_mechanic" ON "quotes" USING btree ("mechanic_user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_quotes_sent_valid_until" ON "quotes" USING btree ("valid_until") WHERE "status" = 'sent';--> statement-breakpoint
CREATE INDEX "idx_mechanic_earnings_mechanic" ON "mechanic_earnings" USING btree ("mechanic_user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "uq_mechanic_earnings_referral" ON "mechanic_earnings" USING btree ("session_id") WHERE "kind" = 'referral_fee';--> statement-breakpoint
CREATE UNIQUE INDEX "uq_mechanic_earnings_bonus" ON "mechanic_earnings" USING btree ("quote_id") WHERE "kind" = 'quote_bonus';--> statement-breakpoint
CREATE INDEX "idx_session_ratings_mechanic" ON "session_ratings" USING btree ("mechanic_user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_credit_purchase_id_credit_purchases_id_fk" FOREIGN KEY ("credit_purchase_id") REFERENCES "public"."credit_purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_credit_purchases_unspent" ON "credit_purchases" USING btree ("customer_user_id","completed_at") WHERE "credits_left" > 0;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "ck_credit_purchases_credits_left" CHECK ("credit_purchases"."credits_left" BETWEEN 0 AND "credit_purchases"."credits");--> statement-breakpoint
-- Hand-written: the earnings ledger is append-only, like the credit ledger: a correction is a new line.
CREATE OR REPLACE FUNCTION mechanic_earnings_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'mechanic_earnings is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_mechanic_earnings_append_only
  BEFORE UPDATE OR DELETE ON mechanic_earnings
  FOR EACH ROW EXECUTE FUNCTION mechanic_earnings_refuse_change();
--> statement-breakpoint
-- Hand-written: a quote version that left `draft` never changes; only its status moves on
-- (and the time it closed). A revision is a new version.
CREATE OR REPLACE FUNCTION quotes_refuse_change_after_draft() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND (
    (to_jsonb(NEW) - ARRAY['status', 'closed_at', 'updated_at'])
      IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'closed_at', 'updated_at'])
  ) THEN
    RAISE EXCEPTION 'quote % was sent: its content cannot change', OLD.id
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_quotes_sent_immutable
  BEFORE UPDATE ON quotes
  FOR EACH ROW EXECUTE FUNCTION quotes_refuse_change_after_draft();
--> statement-breakpoint
-- The lines of a version that left `draft` are as fixed as the version.
CREATE OR REPLACE FUNCTION quote_lines_refuse_change_after_draft() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_status quote_status;
BEGIN
  SELECT status INTO v_status FROM quotes WHERE id = COALESCE(NEW.quote_id, OLD.quote_id);
  IF FOUND AND v_status <> 'draft' THEN
    RAISE EXCEPTION 'quote % was sent: its lines cannot change', COALESCE(NEW.quote_id, OLD.quote_id)
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_quote_lines_sent_immutable
  BEFORE INSERT OR UPDATE OR DELETE ON quote_lines
  FOR EACH ROW EXECUTE FUNCTION quote_lines_refuse_change_after_draft();
--> statement-breakpoint
-- A refunded credit goes back to the pack it was taken from (sessions.credit_purchase_id),
-- so the next debit spends it again at the same worth.
CREATE OR REPLACE FUNCTION refund_session_credits(p_session_id uuid) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_customer text;
  v_credits integer;
  v_purchase uuid;
BEGIN
  SELECT customer_user_id, charged_credits, credit_purchase_id INTO v_customer, v_credits, v_purchase
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
  IF v_purchase IS NOT NULL THEN
    UPDATE credit_purchases SET credits_left = LEAST(credits, credits_left + v_credits)
    WHERE id = v_purchase;
  END IF;
  RETURN v_credits;
END $$;
