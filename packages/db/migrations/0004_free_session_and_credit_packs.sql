ALTER TYPE "public"."credit_ledger_reason" ADD VALUE 'purchase' BEFORE 'session_debit';--> statement-breakpoint
CREATE TABLE "credit_purchases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_user_id" text NOT NULL,
	"pack_id" text NOT NULL,
	"credits" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"stripe_checkout_session_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "credit_purchases_stripe_checkout_session_id_unique" UNIQUE("stripe_checkout_session_id"),
	CONSTRAINT "ck_credit_purchases_credits_positive" CHECK ("credit_purchases"."credits" > 0 AND "credit_purchases"."amount_cents" >= 0),
	CONSTRAINT "ck_credit_purchases_status" CHECK ("credit_purchases"."status" IN ('pending', 'completed')),
	CONSTRAINT "ck_credit_purchases_completed_at" CHECK (("credit_purchases"."status" = 'completed') = ("credit_purchases"."completed_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "free_limit_exempt" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD COLUMN "credit_purchase_id" uuid;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD CONSTRAINT "credit_purchases_customer_user_id_users_id_fk" FOREIGN KEY ("customer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_credit_purchases_customer" ON "credit_purchases" USING btree ("customer_user_id");--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_credit_purchase_id_credit_purchases_id_fk" FOREIGN KEY ("credit_purchase_id") REFERENCES "public"."credit_purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written (between the generated statements): sessions already accepted get
-- their accept time from the assignment, and free sessions a customer made before
-- the one-free-session rule, beyond the first that counts, stay as history outside it.
UPDATE "sessions" s SET "accepted_at" = a."accepted_at"
FROM "session_assignments" a
WHERE a."session_id" = s."id" AND a."accepted_at" IS NOT NULL;--> statement-breakpoint
UPDATE "sessions" s SET "free_limit_exempt" = true
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "customer_user_id" ORDER BY "created_at", "id") AS n
  FROM "sessions"
  WHERE "type" = 'free' AND ("status" NOT IN ('cancelled', 'expired') OR "accepted_at" IS NOT NULL)
) counted
WHERE counted."id" = s."id" AND counted.n > 1;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_free_session_per_customer" ON "sessions" USING btree ("customer_user_id") WHERE "type" = 'free' AND NOT "free_limit_exempt" AND ("status" NOT IN ('cancelled', 'expired') OR "accepted_at" IS NOT NULL);--> statement-breakpoint
CREATE UNIQUE INDEX "uq_credit_ledger_purchase" ON "credit_ledger" USING btree ("credit_purchase_id") WHERE "credit_purchase_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "ck_credit_ledger_purchase_reason" CHECK (("credit_ledger"."reason"::text = 'purchase') = ("credit_ledger"."credit_purchase_id" IS NOT NULL));