-- A portable copy (C31, C34): the zip waits sealed until it is fetched once through a link
-- that expires; the fetch clears it and is audited.
-- @clause C31 @clause C34
CREATE TABLE subject_exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES subject_requests(id),
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  token_hash text NOT NULL UNIQUE,
  -- The zip, sealed (AES-256-GCM) under a key derived for this export; null once fetched or expired.
  sealed text,
  bytes int NOT NULL,
  expires_at timestamptz NOT NULL,
  fetched_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subject_exports_request ON subject_exports (request_id);
ALTER TABLE subject_exports ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subject_exports USING (tenant_id = current_tenant()) WITH CHECK (tenant_id = current_tenant());
GRANT SELECT ON subject_exports TO pledge_app;

-- Access and erasure find a subject's rows through these columns (src/dsr/locate.ts): without an
-- index each request scans the whole table (issue 12's figures: < 100 ms per erasure at 1M subjects).
CREATE INDEX IF NOT EXISTS outbox_recipient ON outbox (recipient_id) WHERE recipient_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS subject_requests_subject_id ON subject_requests (subject_id);
CREATE INDEX IF NOT EXISTS subject_link_tokens_subject ON subject_link_tokens (subject_id);
CREATE INDEX IF NOT EXISTS disclosure_subjects_subject_id ON disclosure_subjects (subject_id);
-- Deleting a Subscriber checks the rows that reference it: by these, not by a scan of every message.
CREATE INDEX IF NOT EXISTS messages_subscriber_id ON messages (subscriber_id) WHERE subscriber_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS subscriber_notes_subscriber_id ON subscriber_notes (subscriber_id);
