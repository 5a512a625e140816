-- Erasure clears a restriction's reason (the person's own words) even after it was lifted; like
-- the other ledgers, only a platform transaction that declares itself an erasure may.
CREATE OR REPLACE FUNCTION restriction_lift_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('pledge.erasure', true) = 'on' AND current_user <> 'pledge_app' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'processing_restrictions rows are never deleted' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.lifted_at IS NOT NULL THEN
    RAISE EXCEPTION 'restriction already lifted' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
