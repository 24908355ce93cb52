ALTER TABLE "credit_purchases" ADD COLUMN "checkout_url" text;--> statement-breakpoint
ALTER TABLE "credit_purchases" ADD COLUMN "checkout_expires_at" timestamp with time zone;