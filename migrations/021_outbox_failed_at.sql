-- When a mail last failed: a mail that has failed every try is listed with the dead jobs
-- (as `deliver-mail`), by when it gave up, and staff can send it back to the queue.
ALTER TABLE outbox ADD COLUMN failed_at timestamptz;
CREATE INDEX outbox_undeliverable ON outbox (failed_at DESC) WHERE sent_at IS NULL AND attempts >= 5;
