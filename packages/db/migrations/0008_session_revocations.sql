CREATE TABLE "auth_session_revocations" (
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_session_revocations_kind_subject_pk" PRIMARY KEY("kind","subject"),
	CONSTRAINT "auth_session_revocations_kind" CHECK ("auth_session_revocations"."kind" IN ('token', 'user'))
);
--> statement-breakpoint
CREATE INDEX "idx_auth_session_revocations_revoked_at" ON "auth_session_revocations" USING btree ("revoked_at");--> statement-breakpoint

-- Hand-written: every revocation is announced to the API instances, and every session that ends
-- while still valid (sign-out, revoke-session, a deleted user…) is revoked, whoever deleted it.
-- NOTIFY is delivered at commit, never for a transaction that rolled back.
CREATE OR REPLACE FUNCTION announce_session_revocation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('auth_session_revocations', json_build_object(
    'kind', NEW.kind,
    'subject', NEW.subject,
    'revokedAt', floor(extract(epoch FROM NEW.revoked_at) * 1000)::bigint
  )::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_auth_session_revocations_announce
  AFTER INSERT OR UPDATE ON auth_session_revocations
  FOR EACH ROW EXECUTE FUNCTION announce_session_revocation();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION revoke_deleted_session() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- An expired session needs no revocation: its cookies are refused already.
  IF OLD.expires_at > now() THEN
    INSERT INTO auth_session_revocations (kind, subject)
    VALUES ('token', encode(sha256(convert_to(OLD.token, 'UTF8')), 'hex'))
    ON CONFLICT (kind, subject) DO UPDATE SET revoked_at = now();
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_auth_sessions_revoke
  AFTER DELETE ON auth_sessions
  FOR EACH ROW EXECUTE FUNCTION revoke_deleted_session();
