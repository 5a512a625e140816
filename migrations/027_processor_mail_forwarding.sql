-- A processor that takes subject requests by e-mail (C35): its privacy desk's address in place
-- of a webhook. The request goes out through the outbox with a link signed with the processor's
-- own secret; the click acknowledges it. Unacknowledged mail is sent again with backoff.
-- @clause C35
ALTER TABLE processor_endpoints ALTER COLUMN url DROP NOT NULL;
ALTER TABLE processor_endpoints ADD COLUMN channel text NOT NULL DEFAULT 'webhook' CHECK (channel IN ('webhook', 'email'));
-- An organisation's role address (a privacy desk), like processors.contact: not a data subject's.
ALTER TABLE processor_endpoints ADD COLUMN mailbox text CHECK (mailbox IS NULL OR (length(mailbox) <= 320 AND mailbox LIKE '%_@_%'));
ALTER TABLE processor_endpoints ADD CONSTRAINT processor_endpoints_target
  CHECK ((channel = 'webhook' AND url IS NOT NULL) OR (channel = 'email' AND mailbox IS NOT NULL));
GRANT UPDATE (channel, mailbox) ON processor_endpoints TO pledge_app;
ALTER TABLE processor_notifications ADD COLUMN channel text NOT NULL DEFAULT 'webhook' CHECK (channel IN ('webhook', 'email'));
CREATE INDEX processor_notifications_reminders ON processor_notifications (next_attempt_at) WHERE state = 'delivered' AND channel = 'email';
