-- A merger or acquisition transfer (C05): the platform's data goes to an acquirer only after
-- every user has been e-mailed and the site has shown a prominent notice for the set period.
-- The trigger below is the database's own refusal: no code path can mark a transfer as
-- started while a user is un-notified or the notice period is still running.
CREATE TABLE transfers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  acquirer text NOT NULL CHECK (length(acquirer) BETWEEN 1 AND 200),
  acquirer_key_pem text NOT NULL,
  acquirer_key_sha256 text NOT NULL CHECK (acquirer_key_sha256 ~ '^[0-9a-f]{64}$'),
  notice_days int NOT NULL CHECK (notice_days >= 0),
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'announced', 'exporting', 'exported', 'canceled')),
  announced_at timestamptz,
  started_at timestamptz,
  exported_at timestamptz,
  export_file text,
  export_sha256 text,
  export_rows bigint,
  created_by uuid NOT NULL REFERENCES staff_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'draft') = (announced_at IS NULL) OR state = 'canceled')
);
-- One transfer at a time can be announced or running.
CREATE UNIQUE INDEX transfers_one_active ON transfers ((true)) WHERE state IN ('announced', 'exporting');

CREATE TABLE transfer_notices (
  transfer_id uuid NOT NULL REFERENCES transfers(id),
  user_id uuid NOT NULL REFERENCES users(id),
  outbox_id bigint,
  queued_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (transfer_id, user_id)
);

CREATE FUNCTION transfers_refuse_early() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE unnotified bigint;
BEGIN
  IF NEW.state = 'exporting' AND OLD.state <> 'exporting' THEN
    IF OLD.state <> 'announced' OR NEW.announced_at IS NULL OR now() < NEW.announced_at + make_interval(days => NEW.notice_days) THEN
      RAISE EXCEPTION 'transfer % started before its notice period ended', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    SELECT count(*) INTO unnotified FROM users u
      WHERE u.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM transfer_notices n WHERE n.transfer_id = NEW.id AND n.user_id = u.id AND n.sent_at IS NOT NULL);
    IF unnotified > 0 THEN
      RAISE EXCEPTION 'transfer % started with % users not notified', NEW.id, unnotified USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER transfers_refuse_early BEFORE UPDATE ON transfers FOR EACH ROW EXECUTE FUNCTION transfers_refuse_early();
