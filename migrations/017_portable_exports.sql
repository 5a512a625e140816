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
