-- Hand-written: a mechanic switching on or off (or removed while on) NOTIFYs `mechanic_presence`,
-- so every API instance recounts the mechanics online and pushes the count to its customers at
-- once. Heartbeats (only `last_seen_at` changes) announce nothing: a heartbeat going stale, or one
-- arriving after it did, is found by the API's periodic recount instead. Delivered at commit.
CREATE OR REPLACE FUNCTION announce_mechanic_presence() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_OP = 'INSERT' AND NEW.online)
     OR (TG_OP = 'UPDATE' AND OLD.online IS DISTINCT FROM NEW.online)
     OR (TG_OP = 'DELETE' AND OLD.online) THEN
    PERFORM pg_notify('mechanic_presence', '');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER trg_mechanic_presence_announce
  AFTER INSERT OR UPDATE OF online OR DELETE ON mechanic_presence
  FOR EACH ROW EXECUTE FUNCTION announce_mechanic_presence();
